package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ssl.HttpClientHostnameVerifier;
import org.apache.hc.client5.http.ssl.HttpsSupport;

/**
 * Checks that the server's certificate names the host of the URL, as RFC 9110 §4.3.4 and RFC
 * 6125 §6 say: the reference identity is a DNS-ID for a host name and an IP-ID for an IP literal,
 * matched against the certificate's subject alternative names only (a CN-ID "MUST NOT be used",
 * RFC 9110 §4.3.4), a wildcard covering exactly one label (RFC 6125 §6.4.3), case-insensitively
 * (RFC 6125 §6.4.1). An absolute name's trailing dot is not part of the name compared ({@code
 * www.example.test.} is {@code www.example.test}, RFC 1034 §3.1, as SNI carries it, RFC 6066 §3).
 * The matching itself is HttpClient's; a mismatch says which names the certificate has.
 */
final class CertificateNames implements HttpClientHostnameVerifier {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private final HttpClientHostnameVerifier matcher =
      (HttpClientHostnameVerifier) HttpsSupport.getDefaultHostnameVerifier();

  @Override
  public void verify(String host, X509Certificate certificate) throws SSLException {
    String name = UrlHost.ascii(UrlHost.bare(host)).toLowerCase(Locale.ROOT);
    boolean ip = MetadataAddresses.literal(name).isPresent();
    List<String> names = names(certificate);
    String wanted = (ip ? "IP " : "DNS:") + name;
    if (names.isEmpty()) {
      throw new WrongHostException("the certificate has no subject alternative names (subject "
          + certificate.getSubjectX500Principal().getName()
          + ": a CN is not used, RFC 9110 §4.3.4), so it names " + wanted + " nowhere");
    }
    try {
      matcher.verify(name, certificate);
    } catch (SSLException e) {
      throw new WrongHostException(
          "the certificate names " + String.join(", ", names) + ", not " + wanted);
    }
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    try {
      if (session.getPeerCertificates()[0] instanceof X509Certificate x509) {
        verify(host, x509);
        return true;
      }
    } catch (SSLException e) {
      return false;
    }
    return false;
  }

  /** The subject alternative names, as {@code DNS:name} and {@code IP:address}. */
  static List<String> names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> alternatives;
    try {
      alternatives = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return names;
    }
    if (alternatives == null) {
      return names;
    }
    for (List<?> entry : alternatives) {
      Object type = entry.get(0);
      if (Integer.valueOf(DNS_NAME).equals(type)) {
        names.add("DNS:" + entry.get(1));
      } else if (Integer.valueOf(IP_ADDRESS).equals(type)) {
        names.add("IP:" + entry.get(1));
      }
    }
    return names;
  }
}
