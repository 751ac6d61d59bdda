package io.github.sitehealth.core.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust the probe verifies servers with: the JDK's default trust anchors, plus the
 * configured extra CA certificates. Extra certificates add to the JDK's trust, never replace it,
 * and verification is never turned off. HTTP and TCP checks share it.
 */
public final class TlsTrust {

  private TlsTrust() {}

  /**
   * A TLS context that verifies the server's chain against the JDK's trust anchors and {@code
   * extra}; a refused chain's exception carries what the server presented.
   *
   * @throws IllegalStateException when the JDK cannot set up TLS at all
   */
  public static SSLContext sslContext(List<X509Certificate> extra) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      X509TrustManager pkix = extra.isEmpty() ? defaultTrustManager() : trustManager(extra);
      context.init(null, new TrustManager[] {new PresentedChainTrust(pkix)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** A PKIX trust manager whose anchors are the JDK's defaults and {@code extra}. */
  static X509TrustManager trustManager(List<X509Certificate> extra)
      throws GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      anchors.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    int n = 0;
    for (X509Certificate jdk : defaultTrustManager().getAcceptedIssuers()) {
      anchors.setCertificateEntry("jdk-" + n++, jdk);
    }
    for (X509Certificate cert : extra) {
      anchors.setCertificateEntry("extra-" + n++, cert);
    }
    return x509(anchors);
  }

  /**
   * The same trust as {@link #sslContext}, as PKIX trust anchors: the JDK's default ones and
   * {@code extra}. Empty when the JDK cannot list them (then chains are judged as presented).
   */
  static Set<TrustAnchor> anchors(List<X509Certificate> extra) {
    Set<TrustAnchor> anchors = new HashSet<>();
    try {
      for (X509Certificate jdk : defaultTrustManager().getAcceptedIssuers()) {
        anchors.add(new TrustAnchor(jdk, null));
      }
    } catch (GeneralSecurityException e) {
      return Set.of();
    }
    for (X509Certificate cert : extra) {
      anchors.add(new TrustAnchor(cert, null));
    }
    return Set.copyOf(anchors);
  }

  static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    return x509(null);
  }

  private static X509TrustManager x509(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + factory.getAlgorithm());
  }
}
