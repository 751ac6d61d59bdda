package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The resolver HttpClient connects through: it refuses cloud metadata and link-local addresses
 * (unless allowed) before any connection is attempted, whether the URL names them literally, a
 * redirect leads there, or a host name resolves to one of them. A name with any such address
 * among its answers is refused as a whole.
 */
final class GuardedDnsResolver implements DnsResolver {

  /**
   * The deadline (System.nanoTime) of the attempt that runs on this thread, while it is being
   * started: HttpClient resolves the host of a request on the thread that executes it, when a
   * connection can be leased at once, so the lookup gets the attempt's budget, not more.
   */
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  private final HostResolver resolver;
  private final boolean allowMetadataTargets;

  GuardedDnsResolver(HostResolver resolver, boolean allowMetadataTargets) {
    this.resolver = resolver;
    this.allowMetadataTargets = allowMetadataTargets;
  }

  /** Runs {@code start} with lookups on this thread bounded by {@code deadlineNanos}. */
  static <T> T withDeadline(long deadlineNanos, java.util.function.Supplier<T> start) {
    DEADLINE.set(deadlineNanos);
    try {
      return start.get();
    } finally {
      DEADLINE.remove();
    }
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
    Long deadline = DEADLINE.get();
    InetAddress[] addresses =
        deadline == null
            ? resolver.resolve(host)
            : resolver.resolve(host, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
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
