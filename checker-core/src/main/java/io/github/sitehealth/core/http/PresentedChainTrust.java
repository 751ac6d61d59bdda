package io.github.sitehealth.core.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The probe's trust manager: the JDK's PKIX validation, unchanged, whose refusal of a server
 * chain also carries what the server presented (each certificate's subject, issuer and notAfter),
 * so that the finding quotes what the certificates hold and not only the validator's verdict.
 */
final class PresentedChainTrust extends X509ExtendedTrustManager {

  /** A refused chain, with the certificates the server presented; its cause is the refusal. */
  static final class Refused extends CertificateException {
    private static final long serialVersionUID = 1L;
    private final String presented;

    Refused(CertificateException cause, X509Certificate[] chain) {
      super(cause.getMessage(), cause);
      this.presented = describe(chain);
    }

    /** {@code "the server presented CN=a (issued by CN=b, valid until ...); ..."}. */
    String presented() {
      return presented;
    }
  }

  private final X509ExtendedTrustManager delegate;

  PresentedChainTrust(X509TrustManager delegate) {
    this.delegate = (X509ExtendedTrustManager) delegate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw new Refused(e, chain);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw new Refused(e, chain);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new Refused(e, chain);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  static String describe(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return "the server presented no certificate";
    }
    List<String> each = new ArrayList<>();
    for (X509Certificate c : chain) {
      each.add(c.getSubjectX500Principal().getName() + " (issued by "
          + c.getIssuerX500Principal().getName() + ", valid until "
          + c.getNotAfter().toInstant() + ")");
    }
    return "the server presented " + String.join("; ", each);
  }
}
