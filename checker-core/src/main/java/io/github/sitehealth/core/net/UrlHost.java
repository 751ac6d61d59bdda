package io.github.sitehealth.core.net;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host and port of an http(s) URL, or of a TCP check's {@code host:port} ({@link
 * #parseHostPort}), in every form RFC 3986 §3.2.2 allows for them, including the ones {@link
 * URI#getHost()} answers {@code null} for: a reg-name with underscores ({@code
 * api_backend.example.test}, which {@code java.net.URI} parses as a registry-based authority).
 *
 * <p>Accepted: an IPv4 literal, an IPv6 literal in brackets, and a DNS name of letters, digits,
 * {@code -} and {@code _} in dot-separated labels of 1 to 63 characters (RFC 1035 §2.3.4), in any
 * case, with an optional trailing dot (an absolute name, RFC 1034 §3.1). Internationalised names
 * are accepted in their ACE form ({@code xn--...}, RFC 5890 §2.3.2.1), which is plain ASCII;
 * U-labels are not (see {@link #parse(URI)}).
 *
 * @param host the host exactly as the URL writes it, IPv6 literals in brackets: what the {@code
 *     Host} header carries (RFC 9110 §7.2)
 * @param port the URL's port, or the scheme's default (80 for http, 443 for https)
 */
public record UrlHost(String host, int port) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

  /** The host of an http(s) URL, or empty when it has none this class accepts. */
  public static Optional<UrlHost> of(URI url) {
    try {
      return Optional.of(parse(url));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The host of an http(s) URL.
   *
   * @throws IllegalArgumentException naming what is wrong with the host: missing, an invalid
   *     label, or non-ASCII (then with its ACE form, from {@link java.net.IDN#toASCII}, to write
   *     instead: IDNA2003 and IDNA2008 map a few characters differently, so the choice of the
   *     A-label is left to the user)
   */
  public static UrlHost parse(URI url) {
    String authority = url.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new IllegalArgumentException("has no host");
    }
    return parse(authority.substring(authority.lastIndexOf('@') + 1), defaultPort(url.getScheme()));
  }

  /**
   * A {@code host:port} written on its own, as a TCP check's address: the same host forms as in
   * a URL ({@code [v6]:port} for an IPv6 literal), the port required.
   *
   * @throws IllegalArgumentException naming what is wrong, as {@link #parse(URI)} does, or that
   *     the port is missing
   */
  public static UrlHost parseHostPort(String hostPort) {
    if (hostPort.indexOf('@') >= 0 || hostPort.indexOf('/') >= 0) {
      throw new IllegalArgumentException("has a scheme, user or path");
    }
    UrlHost parsed = parse(hostPort, -1);
    if (parsed.port() < 0) {
      throw new IllegalArgumentException("has no port");
    }
    return parsed;
  }

  /** Parses {@code host[:port]}; {@code defaultPort} when it has no port. */
  private static UrlHost parse(String hostPort, int defaultPort) {
    String host;
    String portText = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("has an IPv6 literal without its closing ]");
      }
      host = hostPort.substring(0, close + 1);
      portText = hostPort.substring(close + 1);
      if (!portText.isEmpty() && !portText.startsWith(":")) {
        throw new IllegalArgumentException("has text after its IPv6 literal");
      }
      portText = portText.isEmpty() ? "" : portText.substring(1);
      if (MetadataAddresses.literal(host).isEmpty()) {
        throw new IllegalArgumentException("has an invalid IPv6 literal " + host);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? "" : hostPort.substring(colon + 1);
      checkName(host);
    }
    int port = defaultPort;
    if (!portText.isEmpty()) {
      if (!portText.chars().allMatch(Character::isDigit) || portText.length() > 5
          || Integer.parseInt(portText) > 65535) {
        throw new IllegalArgumentException("has an invalid port " + portText);
      }
      port = Integer.parseInt(portText);
    }
    return new UrlHost(host, port);
  }

  private static void checkName(String host) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("has no host");
    }
    if (!host.chars().allMatch(c -> c < 0x80)) {
      String ace;
      try {
        ace = java.net.IDN.toASCII(host);
      } catch (IllegalArgumentException e) {
        ace = "xn--...";
      }
      throw new IllegalArgumentException("has a host name that is not ASCII (" + host
          + "): write it in its ACE form, e.g. " + ace + " (RFC 5890 §2.3.2.1)");
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.length() > 253) {
      throw new IllegalArgumentException("has a host name longer than 253 characters");
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("has an invalid host name " + host
            + " (labels of letters, digits, - and _, 1 to 63 characters, RFC 1035 §2.3.4)");
      }
    }
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /**
   * The name to look up, compare and verify the certificate against: without IPv6 brackets and
   * without the trailing dot of an absolute name ({@code www.example.test.} and {@code
   * www.example.test} are the same name, RFC 1034 §3.1), in its case as written (DNS compares
   * case-insensitively, RFC 4343).
   */
  public String name() {
    return bare(host);
  }

  /** {@code host:port} for messages, the host as the URL writes it: {@code [::1]:8443}. */
  public String hostPort() {
    return host + ":" + port;
  }

  /** A key under which one host:port is the same whatever its case or trailing dot. */
  public String key() {
    String name = host.startsWith("[") ? host : name();
    return name.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /**
   * A host name as HttpClient or the JDK passes it around, reduced to what it denotes: no IPv6
   * brackets, no trailing dot.
   */
  public static String bare(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.endsWith(".") && h.length() > 1 ? h.substring(0, h.length() - 1) : h;
  }

  /**
   * The ASCII form of a host name: HttpClient hands internationalised names on in their Unicode
   * form even when the URL wrote the A-label, but DNS queries, SNI and certificates carry the
   * A-label (RFC 5890 §2.3.2.1, RFC 6066 §3).
   */
  public static String ascii(String host) {
    if (host.chars().allMatch(c -> c < 0x80)) {
      return host;
    }
    return java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
  }

  /** Whether two host names denote the same name: case and a trailing dot aside. */
  public static boolean sameName(String a, String b) {
    return ascii(bare(a)).equalsIgnoreCase(ascii(bare(b)));
  }
}
