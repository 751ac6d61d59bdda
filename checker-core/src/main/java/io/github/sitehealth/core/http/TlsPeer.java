package io.github.sitehealth.core.http;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The certificate chain a TLS server presented, as far as its expiry goes.
 *
 * @param earliestNotAfter the earliest notAfter in the presented chain: when it stops working
 * @param subject the subject of the certificate that expires first
 * @param position that certificate's position in the chain, 0 for the server's own
 * @param chainLength how many certificates the server presented
 */
public record TlsPeer(Instant earliestNotAfter, String subject, int position, int chainLength) {

  /** The chain of an established session; empty for plain HTTP or without peer certificates. */
  public static Optional<TlsPeer> of(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    TlsPeer earliest = null;
    for (int i = 0; i < chain.length; i++) {
      if (chain[i] instanceof X509Certificate x509) {
        Instant notAfter = x509.getNotAfter().toInstant();
        if (earliest == null || notAfter.isBefore(earliest.earliestNotAfter())) {
          earliest =
              new TlsPeer(notAfter, x509.getSubjectX500Principal().getName(), i, chain.length);
        }
      }
    }
    return Optional.ofNullable(earliest);
  }
}
