package io.github.sitehealth.core.http;

import java.net.SocketAddress;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * The probe's TLS, set up on the first TLS connection: the JDK's trust store (about 150
 * certificates) is read, and the SSL context built, when a check needs them, not for a run over
 * plain HTTP. Then {@link NamedTlsStrategy} does the work, every connection sharing one context.
 */
final class LazyTls implements TlsStrategy {

  private final List<X509Certificate> trustCertificates;
  private volatile NamedTlsStrategy strategy;
  private volatile Set<TrustAnchor> anchors;

  /** @param trustCertificates trusted besides the JDK's anchors ({@code <trustCertificates>}) */
  LazyTls(List<X509Certificate> trustCertificates) {
    this.trustCertificates = List.copyOf(trustCertificates);
  }

  /** The JDK's trust anchors and the configured certificates, for the certificates' expiry. */
  Set<TrustAnchor> anchors() {
    Set<TrustAnchor> set = anchors;
    if (set == null) {
      synchronized (this) {
        if (anchors == null) {
          anchors = TlsTrust.anchors(trustCertificates);
        }
        set = anchors;
      }
    }
    return set;
  }

  /** Whether a TLS connection has set the context up. */
  boolean setUp() {
    return strategy != null;
  }

  private NamedTlsStrategy strategy() {
    NamedTlsStrategy s = strategy;
    if (s == null) {
      synchronized (this) {
        if (strategy == null) {
          strategy = new NamedTlsStrategy(TlsTrust.sslContext(trustCertificates));
        }
        s = strategy;
      }
    }
    return s;
  }

  @Override
  public void upgrade(TransportSecurityLayer tlsSession, NamedEndpoint endpoint, Object attachment,
      Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
    strategy().upgrade(tlsSession, endpoint, attachment, handshakeTimeout, callback);
  }

  /** @deprecated HttpClient 5 calls the other {@code upgrade}; this one is the interface's. */
  @Deprecated
  @Override
  public boolean upgrade(TransportSecurityLayer tlsSession, HttpHost host, SocketAddress localAddress,
      SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
    return strategy().upgrade(tlsSession, host, localAddress, remoteAddress, attachment,
        handshakeTimeout);
  }
}
