package io.github.sitehealth.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses as people write them: IPv4 dotted ({@code 192.0.2.1}), IPv6 in the RFC 5952 form
 * ({@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1}), in brackets only before a port ({@code
 * [::1]:443}). Never the JDK's {@code toString} ({@code /0:0:0:0:0:0:0:1}, {@code
 * host./127.0.0.1}), which is for debugging.
 */
public final class IpText {

  /**
   * A list of addresses as {@link InetAddress#toString} writes them, in brackets, as libraries
   * put it in their messages: {@code [shop.test/127.0.0.1, shop.test/0:0:0:0:0:0:0:1]}.
   */
  private static final Pattern JDK_LIST =
      Pattern.compile("\\[([^\\[\\]/,\\s]*/[0-9A-Fa-f:.%\\w]+(?:, [^\\[\\]/,\\s]*/[0-9A-Fa-f:.%\\w]+)*)\\]");

  private IpText() {}

  /** {@code 192.0.2.3} or {@code ::1}, without a scope (zone). */
  public static String of(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    text = scope < 0 ? text : text.substring(0, scope);
    return address instanceof Inet6Address ? compact(text) : text;
  }

  /** {@code 192.0.2.1:22} or {@code [2001:db8::1]:22}, without a name lookup. */
  public static String of(InetSocketAddress address) {
    if (address.getAddress() == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    String ip = of(address.getAddress());
    return (address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":"
        + address.getPort();
  }

  /** The addresses joined by ", ". */
  public static String of(List<InetAddress> addresses) {
    return String.join(", ", addresses.stream().map(IpText::of).toList());
  }

  /**
   * A library's message with each list of addresses in the JDK's debugging form written as
   * people write addresses: HttpClient's "Connect to http://shop.test:80
   * [shop.test/0:0:0:0:0:0:0:1] failed" becomes "Connect to http://shop.test:80 (::1) failed".
   */
  public static String inMessage(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = JDK_LIST.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> ips = Arrays.stream(m.group(1).split(", "))
          .map(a -> a.substring(a.indexOf('/') + 1))
          .map(IpText::literal)
          .toList();
      m.appendReplacement(out, Matcher.quoteReplacement("(" + String.join(", ", ips) + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** An IP literal as the JDK wrote it, in the usual form; anything else as it is. */
  private static String literal(String ip) {
    int scope = ip.indexOf('%');
    String bare = scope < 0 ? ip : ip.substring(0, scope);
    return bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:]+") ? compact(bare) : bare;
  }

  /**
   * RFC 5952 section 4 text for an IPv6 address the JDK writes in full: leading zeros dropped,
   * the longest run of two or more zero groups (the first of equals) written "::", lower case.
   */
  private static String compact(String full) {
    if (full.contains("::")) {
      return full.toLowerCase(java.util.Locale.ROOT);
    }
    List<String> groups = Arrays.stream(full.toLowerCase(java.util.Locale.ROOT).split(":"))
        .map(g -> g.replaceFirst("^0+(?=.)", "")).toList();
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.size(); ) {
      int j = i;
      while (j < groups.size() && groups.get(j).equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", groups.subList(0, bestStart));
    String tail = String.join(":", groups.subList(bestStart + bestLength, groups.size()));
    return head + "::" + tail;
  }
}
