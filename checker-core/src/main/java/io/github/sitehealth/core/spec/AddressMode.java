package io.github.sitehealth.core.spec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of a host's addresses an endpoint check probes ({@code <addresses>}). The host's A and
 * AAAA answers (RFC 1035 §3.4.1, RFC 3596 §2) each reach a server of their own behind round-robin
 * DNS, anycast or a pool; probing only the first one finds a broken one by chance.
 */
public enum AddressMode {
  /** The first address the resolver returns: one connection, as a browser makes. */
  FIRST,
  /** Every A and AAAA answer, each probed on its own. */
  ALL,
  /** Every A answer (IPv4), each probed on its own. */
  IPV4,
  /** Every AAAA answer (IPv6), each probed on its own. */
  IPV6;

  /** The configured value, as written in the pom: {@code first}, {@code all}, ... */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode for a configured value, case-insensitive; empty when it is none of them. */
  public static Optional<AddressMode> parse(String value) {
    return Arrays.stream(values())
        .filter(m -> m.configValue().equalsIgnoreCase(value.trim()))
        .findFirst();
  }

  /** The addresses this mode probes, of those the resolver returned, in its order. */
  public List<InetAddress> select(List<InetAddress> resolved) {
    return switch (this) {
      case FIRST -> resolved.isEmpty() ? List.of() : List.of(resolved.get(0));
      case ALL -> List.copyOf(resolved);
      case IPV4 -> resolved.stream().filter(a -> a instanceof Inet4Address).toList();
      case IPV6 -> resolved.stream().filter(a -> a instanceof Inet6Address).toList();
    };
  }
}
