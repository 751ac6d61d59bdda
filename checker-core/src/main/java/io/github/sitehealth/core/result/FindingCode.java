package io.github.sitehealth.core.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A finding code: the stable identifier users grep for ({@code HTTP_502}, {@code DNS_NXDOMAIN}),
 * what part of the exchange it is about, the hop it blames when that does not depend on the
 * diagnosis, the status it gives a check by default, and its section in the default runbook
 * library. The codes of the contract are constants here; {@code HTTP_<status>} codes come from
 * {@link #http(int)}.
 */
public final class FindingCode {

  /** What part of the exchange a code is about; the diagnosis rules match on it. */
  public enum Kind {
    /** The name did not resolve, or its records are wrong. */
    DNS,
    /** The target is a cloud metadata or link-local address: not connected to. */
    FORBIDDEN_TARGET,
    /** No connection, or it broke before a complete answer. */
    CONNECTION,
    /** The TLS handshake failed, or the certificate chain is near its expiry. */
    TLS,
    /** An unexpected HTTP status. */
    HTTP_STATUS,
    /** Connected, but no complete, valid HTTP answer (timeout, not HTTP, redirect loop). */
    DELIVERY,
    /** An answer arrived; an expectation on its headers, body, caching or latency failed. */
    EXPECTATION,
    /** A CDN's bot or WAF rules refused the probe. */
    PROBE_BLOCKED,
    /**
     * Some of the host's addresses, or some of the sampled requests, failed while the others
     * passed; the failures' own codes are in the per-address and per-sample results.
     */
    PARTIAL
  }

  /** Codes by id, in the order of the README's table. */
  private static final Map<String, FindingCode> KNOWN = new LinkedHashMap<>();

  public static final FindingCode DNS_NXDOMAIN = dns("DNS_NXDOMAIN", "dns.html#nxdomain");
  public static final FindingCode DNS_NODATA = dns("DNS_NODATA", "dns.html#nodata");
  public static final FindingCode DNS_SERVFAIL = dns("DNS_SERVFAIL", "dns.html#servfail");
  public static final FindingCode DNS_TIMEOUT = dns("DNS_TIMEOUT", "dns.html#timeout");
  public static final FindingCode DNS_MISMATCH = dns("DNS_MISMATCH", "dns.html#mismatch");
  public static final FindingCode DNS_DANGLING_CNAME =
      dns("DNS_DANGLING_CNAME", "dns.html#dangling-cname");
  public static final FindingCode DNS_NS_INCONSISTENT =
      dns("DNS_NS_INCONSISTENT", "dns.html#ns-inconsistent");
  public static final FindingCode CONNECT_REFUSED =
      network("CONNECT_REFUSED", "connection-failures.html#connection-refused");
  public static final FindingCode CONNECT_TIMEOUT =
      network("CONNECT_TIMEOUT", "connection-failures.html#connection-timeout");
  public static final FindingCode CONNECTION_RESET =
      network("CONNECTION_RESET", "connection-failures.html#connection-reset");
  public static final FindingCode PROBE_ERROR =
      network("PROBE_ERROR", "connection-failures.html#probe-error");
  public static final FindingCode TARGET_FORBIDDEN =
      register(new FindingCode("TARGET_FORBIDDEN", Kind.FORBIDDEN_TARGET, Hop.NETWORK,
          CheckStatus.DOWN, "connection-failures.html#target-forbidden"));
  public static final FindingCode TLS_INVALID =
      register(new FindingCode("TLS_INVALID", Kind.TLS, Hop.TLS, CheckStatus.DOWN,
          "tls.html#invalid-certificate"));
  public static final FindingCode TLS_EXPIRING =
      register(new FindingCode("TLS_EXPIRING", Kind.TLS, Hop.TLS, CheckStatus.DEGRADED,
          "tls.html#expiring-certificate"));
  public static final FindingCode READ_TIMEOUT = delivery("READ_TIMEOUT", null);
  public static final FindingCode PROTOCOL_ERROR =
      delivery("PROTOCOL_ERROR", "http-errors.html#protocol-error");
  public static final FindingCode TOO_MANY_REDIRECTS =
      delivery("TOO_MANY_REDIRECTS", "http-errors.html#too-many-redirects");
  public static final FindingCode HEADER_MISMATCH =
      expectation("HEADER_MISMATCH", "expectations.html#header-mismatch");
  public static final FindingCode BODY_MISMATCH =
      expectation("BODY_MISMATCH", "expectations.html#body-mismatch");
  public static final FindingCode BODY_REJECTED =
      expectation("BODY_REJECTED", "expectations.html#body-rejected");
  public static final FindingCode NOT_CACHEABLE =
      expectation("NOT_CACHEABLE", "expectations.html#not-cacheable");
  public static final FindingCode LATENCY_BUDGET =
      expectation("LATENCY_BUDGET", "expectations.html#latency-budget");
  public static final FindingCode PROBE_BLOCKED =
      register(new FindingCode("PROBE_BLOCKED", Kind.PROBE_BLOCKED, Hop.EDGE,
          CheckStatus.DEGRADED, "http-errors.html#probe-blocked"));

  public static final FindingCode BANNER_MISMATCH =
      expectation("BANNER_MISMATCH", "expectations.html#banner-mismatch");
  /** One or more of the host's addresses fail while others pass ({@code <addresses>}). */
  public static final FindingCode SOME_ADDRESSES_FAIL =
      register(new FindingCode("SOME_ADDRESSES_FAIL", Kind.PARTIAL, null, CheckStatus.DOWN,
          "partial-failures.html#one-address-fails"));
  /** Some of the sampled requests fail while others pass ({@code <samples>}). */
  public static final FindingCode SOME_REQUESTS_FAIL =
      register(new FindingCode("SOME_REQUESTS_FAIL", Kind.PARTIAL, null, CheckStatus.DEGRADED,
          "partial-failures.html#some-requests-fail"));

  private static final Pattern HTTP = Pattern.compile("HTTP_([1-5]\\d\\d)");

  private final String id;
  private final Kind kind;
  private final Optional<Hop> hop;
  private final CheckStatus defaultStatus;
  private final Optional<String> section;

  private FindingCode(String id, Kind kind, Hop hop, CheckStatus defaultStatus, String section) {
    this.id = id;
    this.kind = kind;
    this.hop = Optional.ofNullable(hop);
    this.defaultStatus = defaultStatus;
    this.section = Optional.ofNullable(section);
  }

  /** The code for an unexpected HTTP status, e.g. {@code HTTP_502} for 502. */
  public static FindingCode http(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    return new FindingCode("HTTP_" + status, Kind.HTTP_STATUS, null, CheckStatus.DOWN, null);
  }

  /**
   * The code with this id, e.g. read back from {@code results.json}.
   *
   * @throws IllegalArgumentException when the id is neither a known code nor {@code HTTP_<status>}
   */
  public static FindingCode of(String id) {
    FindingCode known = KNOWN.get(id);
    if (known != null) {
      return known;
    }
    var m = HTTP.matcher(id == null ? "" : id);
    if (m.matches()) {
      return http(Integer.parseInt(m.group(1)));
    }
    throw new IllegalArgumentException("unknown finding code: " + id);
  }

  /** Every code with a fixed id, in the order of the README's table. */
  public static Map<String, FindingCode> known() {
    return Collections.unmodifiableMap(KNOWN);
  }

  /** The stable identifier, e.g. {@code HTTP_502}. */
  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public boolean is(Kind k) {
    return kind == k;
  }

  /** The hop this code always blames; empty when the diagnosis decides (edge or origin). */
  public Optional<Hop> hop() {
    return hop;
  }

  /** The status a check gets when this is what failed on every attempt, unless a rule decides. */
  public CheckStatus defaultStatus() {
    return defaultStatus;
  }

  /** The HTTP status of an {@code HTTP_<status>} code, else 0. */
  public int httpStatus() {
    return kind == Kind.HTTP_STATUS ? Integer.parseInt(id.substring(5)) : 0;
  }

  /**
   * The section of the default runbook library for this code blamed on {@code hop}, as {@code
   * page.html#anchor}: a gateway failure has a section for each side of the edge.
   */
  public String runbookSection(Hop blamed) {
    if (section.isPresent()) {
      return section.get();
    }
    String side = blamed == Hop.EDGE ? "edge-to-origin" : "origin";
    if (this == READ_TIMEOUT) {
      return "504-gateway-timeout.html#" + side;
    }
    int status = httpStatus();
    return switch (status) {
      case 502 -> "502-bad-gateway.html#" + (blamed == Hop.EDGE ? side : "origin-unreachable");
      case 503 -> "503-service-unavailable.html#" + side;
      case 504 -> "504-gateway-timeout.html#" + side;
      default -> status >= 400 && status < 500
          ? "http-errors.html#client-error"
          : "http-errors.html#server-error";
    };
  }

  /** Whether the runbook section depends on the hop (gateway failures and other statuses). */
  public boolean sectionByHop() {
    return section.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FindingCode other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }

  @Override
  public String toString() {
    return id;
  }

  private static FindingCode dns(String id, String section) {
    return register(new FindingCode(id, Kind.DNS, Hop.DNS, CheckStatus.DOWN, section));
  }

  private static FindingCode network(String id, String section) {
    return register(new FindingCode(id, Kind.CONNECTION, Hop.NETWORK, CheckStatus.DOWN, section));
  }

  private static FindingCode delivery(String id, String section) {
    return register(new FindingCode(id, Kind.DELIVERY, null, CheckStatus.DOWN, section));
  }

  private static FindingCode expectation(String id, String section) {
    return register(new FindingCode(id, Kind.EXPECTATION, null, CheckStatus.DOWN, section));
  }

  private static FindingCode register(FindingCode code) {
    KNOWN.put(code.id, code);
    return code;
  }
}
