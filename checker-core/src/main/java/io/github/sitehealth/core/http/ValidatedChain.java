package io.github.sitehealth.core.http;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chain a TLS client actually relies on: the certification path from the server's
 * certificate to a trust anchor (RFC 5280 §6.1), built by the JDK's PKIX {@link CertPathBuilder}
 * over the certificates the server presented, with the same anchors the probe trusts. Extra
 * certificates a server sends that are not on that path (an expired cross-signed copy of a root,
 * as with Let's Encrypt's DST Root CA X3 in 2021 or Sectigo's AddTrust in 2020) are not part of
 * it: clients that build the path this way, browsers, curl and the JDK, never use them.
 */
final class ValidatedChain {

  private ValidatedChain() {}

  /**
   * The validated path, server certificate first, ending with the trust anchor's certificate;
   * empty when no path can be built (revocation is not checked here; the handshake did its own
   * validation, this only tells which certificates it rested on).
   *
   * @param presented the certificates the server sent, its own first
   * @param anchors the trust anchors of the probe
   */
  static Optional<List<X509Certificate>> of(Certificate[] presented, Set<TrustAnchor> anchors) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate c : presented) {
      if (c instanceof X509Certificate x509) {
        certificates.add(x509);
      }
    }
    if (certificates.isEmpty() || anchors.isEmpty()) {
      return Optional.empty();
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(certificates.get(0));
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false);
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      List<X509Certificate> path = new ArrayList<>();
      for (Certificate c : result.getCertPath().getCertificates()) {
        path.add((X509Certificate) c);
      }
      X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
      if (anchor != null && !path.contains(anchor)) {
        path.add(anchor);
      }
      return Optional.of(path);
    } catch (GeneralSecurityException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The presented certificates as X.509, for when no path can be built. */
  static List<X509Certificate> presented(Certificate[] presented) {
    return Arrays.stream(presented)
        .filter(X509Certificate.class::isInstance)
        .map(X509Certificate.class::cast)
        .toList();
  }
}
