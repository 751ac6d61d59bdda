package io.github.sitehealth.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/** Turns a host name into the addresses to connect to. */
@FunctionalInterface
public interface HostResolver {

  /** The system's resolver (hosts file, then DNS), as the JDK asks it. */
  HostResolver SYSTEM = SystemDefaultDnsResolver.INSTANCE::resolve;

  /**
   * The addresses of {@code host}, a name or an IP literal.
   *
   * @throws UnknownHostException when it does not resolve
   */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /**
   * The addresses of {@code host}, looked up within {@code budget}: a resolver that can bound its
   * wait (its own queries) ends the lookup by then; this default cannot, and ignores it.
   *
   * @param budget the time left for the lookup, &gt; 0
   * @throws UnknownHostException when it does not resolve, or not in time
   */
  default InetAddress[] resolve(String host, Duration budget) throws UnknownHostException {
    return resolve(host);
  }

  /**
   * Every address of {@code host}, IPv4 (A) and IPv6 (AAAA) alike, in the resolver's order,
   * looked up within {@code budget} as far as the resolver can bound its wait. The system's
   * resolver returns both families from {@link #resolve}; a resolver that stops at the first
   * family that answers overrides this.
   *
   * @throws UnknownHostException when neither family resolves
   */
  default InetAddress[] resolveAll(String host, Duration budget) throws UnknownHostException {
    return resolve(host, budget);
  }
}
