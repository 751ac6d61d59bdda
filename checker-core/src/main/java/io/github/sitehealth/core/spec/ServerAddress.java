package io.github.sitehealth.core.spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * A DNS server as an IP address and a port: {@code 127.0.0.1:5353}, {@code [::1]:5353}, or just the
 * address for port 53. Host names are not accepted: finding the server must not itself depend on
 * DNS.
 *
 * @param ip the IP address as written, lower-cased, without brackets
 * @param port the UDP and TCP port
 */
public record ServerAddress(String ip, int port) {

  public static final int DEFAULT_PORT = 53;

  /** What the error messages show as the accepted forms. */
  static final String FORMS =
      "an IP address with an optional port, e.g. 127.0.0.1:5353 or [::1]:5353";

  public ServerAddress {
    if (bytes(ip).isEmpty()) {
      throw new IllegalArgumentException("not an IP address: " + ip);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code ip}, {@code ip:port}, {@code [ipv6]} or {@code [ipv6]:port}; empty when invalid.
   */
  public static Optional<ServerAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    String ip;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      ip = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        port = rest.substring(1);
      }
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      ip = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    } else {
      ip = s; // an IPv4 address, or a bare IPv6 address on port 53
    }
    if (bytes(ip).isEmpty()) {
      return Optional.empty();
    }
    if (port == null) {
      return Optional.of(new ServerAddress(ip, DEFAULT_PORT));
    }
    if (!port.matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int p = Integer.parseInt(port);
    return p >= 1 && p <= 65535 ? Optional.of(new ServerAddress(ip, p)) : Optional.empty();
  }

  /** The address to send queries to; no name lookup happens. */
  public InetSocketAddress socketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes(ip).orElseThrow()), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("validated at construction", e);
    }
  }

  /** {@code 127.0.0.1:5353} or {@code [::1]:5353}. */
  @Override
  public String toString() {
    return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
  }

  private static Optional<byte[]> bytes(String ip) {
    if (ip == null || ip.isEmpty()) {
      return Optional.empty();
    }
    byte[] b = Address.toByteArray(ip, ip.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4);
    return Optional.ofNullable(b);
  }
}
