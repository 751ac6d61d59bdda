package io.github.sitehealth.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cloud metadata and link-local addresses: 169.254.0.0/16 (the AWS, GCP and Azure instance
 * metadata service at 169.254.169.254 among them), fe80::/10 and AWS's fd00:ec2::254. A check
 * run on a cloud build agent could otherwise fetch the agent's own credentials and write them
 * into a report, so these are refused as targets unless the user allows them explicitly.
 */
public final class MetadataAddresses {

  /** The option that allows them, as the user writes it. */
  public static final String OPT_IN = "<allowMetadataTargets>true</allowMetadataTargets>";

  private static final byte[] AWS_IPV6 = parse6("fd00:ec2::254");
  private static final byte[] NAT64_PREFIX = parse6("64:ff9b::");
  private static final Pattern IPV4_PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*");

  private MetadataAddresses() {}

  /** Whether connecting to {@code address} is refused without the opt-in. */
  public static boolean isForbidden(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.isLinkLocalAddress();
    }
    byte[] b = address.getAddress();
    if (address.isLinkLocalAddress() || Arrays.equals(b, AWS_IPV6)) {
      return true;
    }
    // IPv4 inside IPv6: ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4
    // address; ::ffff:a.b.c.d is already an Inet4Address in Java.
    boolean compatible = address instanceof Inet6Address a6 && a6.isIPv4CompatibleAddress();
    boolean nat64 = Arrays.equals(b, 0, 12, NAT64_PREFIX, 0, 12);
    return (compatible || nat64) && (b[12] & 0xff) == 169 && (b[13] & 0xff) == 254;
  }

  /** Why {@code address} is refused, in words: {@code "169.254.169.254, the cloud metadata service"}. */
  public static String describe(InetAddress address) {
    String ip = IpText.of(address);
    boolean metadata =
        ip.equals("169.254.169.254") || Arrays.equals(address.getAddress(), AWS_IPV6);
    return ip + (metadata ? ", the cloud metadata service" : ", a link-local address");
  }

  /**
   * The address a URL host denotes by itself, without any DNS lookup: an IPv6 literal (with or
   * without brackets) or an IPv4 literal in any form the system resolver accepts ({@code
   * 169.254.169.254}, {@code 2852039166}, {@code 0xa9.0xfe.0xa9.0xfe}, {@code 169.254.43518}).
   * Empty for a host name.
   */
  public static Optional<InetAddress> literal(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.contains(":")) {
      int zone = h.indexOf('%');
      byte[] bytes = parse6OrNull(zone < 0 ? h : h.substring(0, zone));
      return Optional.ofNullable(bytes).map(MetadataAddresses::address);
    }
    return Optional.ofNullable(parse4(h)).map(MetadataAddresses::address);
  }

  /** inet_aton's forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x). */
  private static byte[] parse4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (!IPV4_PART.matcher(p).matches() || p.length() > 12) {
        return null;
      }
      String lower = p.toLowerCase(Locale.ROOT);
      if (lower.startsWith("0x")) {
        values[i] = lower.length() == 2 ? 0 : Long.parseLong(lower.substring(2), 16);
      } else if (lower.length() > 1 && lower.startsWith("0")) {
        values[i] = Long.parseLong(lower.substring(1), 8);
      } else {
        values[i] = Long.parseLong(lower);
      }
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (4 - (values.length - 1)))) {
      return null;
    }
    address |= last;
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
  }

  private static byte[] parse6OrNull(String literal) {
    try {
      // Brackets make Java parse it as a literal and never look it up.
      // (::ffff:a.b.c.d comes back as an IPv4 address.)
      return InetAddress.getByName("[" + literal + "]").getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] parse6(String literal) {
    byte[] bytes = parse6OrNull(literal);
    if (bytes == null) {
      throw new IllegalArgumentException(literal);
    }
    return bytes;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not 4 or 16 bytes", e);
    }
  }
}
