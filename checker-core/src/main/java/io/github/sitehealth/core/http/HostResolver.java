package io.github.sitehealth.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
}
