package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;

/**
 * HttpClient's TLS with the host's name sent and checked in every valid form. SNI carries the
 * host name without an absolute name's trailing dot and never an IP literal (RFC 6066 §3); it is
 * set here from the route's name because the JDK's own SNI drops names its IDN rules refuse,
 * such as {@code api_backend.example.test} (RFC 3986 §3.2.2 reg-names may hold "_"). The
 * certificate is checked against the name by {@link CertificateNames} after the handshake; the
 * chain by the trust manager during it. {@link #serverName} is the same SNI rule for a TCP check's
 * TLS.
 */
public final class NamedTlsStrategy extends DefaultClientTlsStrategy {

  NamedTlsStrategy(SSLContext sslContext) {
    super(sslContext, HostnameVerificationPolicy.CLIENT, new CertificateNames());
  }

  @Override
  protected void initializeEngine(SSLEngine engine) {
    String host = engine.getPeerHost();
    if (host == null) {
      return;
    }
    serverName(host).ifPresent(name -> {
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setServerNames(List.of(name));
      engine.setSSLParameters(parameters);
    });
  }

  /**
   * The SNI entry for {@code host}: its ASCII name without brackets or an absolute name's trailing
   * dot (RFC 6066 §3); empty for an IP literal, which SNI never carries.
   */
  public static Optional<SNIServerName> serverName(String host) {
    if (MetadataAddresses.literal(host).isPresent()) {
      return Optional.empty();
    }
    String name = UrlHost.ascii(UrlHost.bare(host));
    return name.isEmpty() ? Optional.empty() : Optional.of(hostName(name));
  }

  /**
   * The name as a host_name entry. {@link SNIHostName} refuses a label with "_" (its IDN STD3
   * rules), which OpenSSL and curl send as it is; the entry is then built from its ASCII bytes.
   */
  private static SNIServerName hostName(String name) {
    try {
      return new SNIHostName(name);
    } catch (IllegalArgumentException e) {
      return new SNIServerName(
          StandardConstants.SNI_HOST_NAME, name.getBytes(StandardCharsets.US_ASCII)) {};
    }
  }
}
