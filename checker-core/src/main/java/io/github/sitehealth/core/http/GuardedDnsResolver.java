package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The resolver HttpClient connects through: it refuses cloud metadata and link-local addresses
 * (unless allowed) before any connection is attempted, whether the URL names them literally, a
 * redirect leads there, or a host name resolves to one of them. A name with any such address
 * among its answers is refused as a whole.
 */
final class GuardedDnsResolver implements DnsResolver {

  private final HostResolver resolver;
  private final boolean allowMetadataTargets;

  GuardedDnsResolver(HostResolver resolver, boolean allowMetadataTargets) {
    this.resolver = resolver;
    this.allowMetadataTargets = allowMetadataTargets;
  }

  @Override
  public InetAddress[] resolve(String name) throws UnknownHostException {
    // HttpClient passes internationalised names in Unicode; DNS asks for the A-label.
    String host = UrlHost.ascii(name);
    if (!allowMetadataTargets) {
      Optional<InetAddress> literal = MetadataAddresses.literal(host);
      if (literal.isPresent() && MetadataAddresses.isForbidden(literal.get())) {
        throw new TargetForbiddenException(host, literal.get());
      }
    }
    InetAddress[] addresses = resolver.resolve(host);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(host);
    }
    if (!allowMetadataTargets) {
      for (InetAddress address : addresses) {
        if (MetadataAddresses.isForbidden(address)) {
          throw new TargetForbiddenException(host, address);
        }
      }
    }
    return addresses.clone();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return resolve(host)[0].getCanonicalHostName();
  }
}
