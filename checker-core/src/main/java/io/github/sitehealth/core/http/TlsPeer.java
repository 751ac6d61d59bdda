package io.github.sitehealth.core.http;

import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The certificate chain a TLS connection rested on, as far as its expiry goes: the validated path
 * from the server's certificate to the trust anchor ({@link ValidatedChain}), the anchor included
 * (the JDK does not check an anchor's dates, RFC 5280 §6.1 leaves them out of path validation, but
 * clients that do, OpenSSL among them, stop trusting an expired root). Certificates the server
 * sent that are not on that path do not count.
 *
 * @param earliestNotAfter the earliest notAfter on the chain: when it stops working
 * @param subject the subject of the certificate that expires first
 * @param position that certificate's position in the chain, 0 for the server's own
 * @param chainLength how many certificates the chain has, the trust anchor included
 * @param validated whether the chain is the validated path; false when none could be built and
 *     the certificates as presented were used
 */
public record TlsPeer(
    Instant earliestNotAfter, String subject, int position, int chainLength, boolean validated) {

  /** A validated chain. */
  public TlsPeer(Instant earliestNotAfter, String subject, int position, int chainLength) {
    this(earliestNotAfter, subject, position, chainLength, true);
  }

  /**
   * The chain of an established session; empty for plain HTTP or without peer certificates.
   *
   * @param anchors the probe's trust anchors, to build the validated path with
   */
  public static Optional<TlsPeer> of(SSLSession session, Set<TrustAnchor> anchors) {
    if (session == null) {
      return Optional.empty();
    }
    Certificate[] presented;
    try {
      presented = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    Optional<List<X509Certificate>> path = ValidatedChain.of(presented, anchors);
    return earliest(path.orElseGet(() -> ValidatedChain.presented(presented)), path.isPresent());
  }

  private static Optional<TlsPeer> earliest(List<X509Certificate> chain, boolean validated) {
    TlsPeer earliest = null;
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate x509 = chain.get(i);
      Instant notAfter = x509.getNotAfter().toInstant();
      if (earliest == null || notAfter.isBefore(earliest.earliestNotAfter())) {
        earliest = new TlsPeer(
            notAfter, x509.getSubjectX500Principal().getName(), i, chain.size(), validated);
      }
    }
    return Optional.ofNullable(earliest);
  }
}
