package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.result.Hop;
import java.util.Map;

/**
 * Where each finding's runbook lives, relative to the output directory. The default runbook
 * library in site-template has a page and an anchor for every entry here.
 */
public final class Runbooks {

  public static final String DIRECTORY = "runbooks/";

  /** Code to page#anchor; codes whose section depends on the hop are resolved in {@link #link}. */
  private static final Map<String, String> BY_CODE =
      Map.ofEntries(
          Map.entry("DNS_NXDOMAIN", "dns.html#nxdomain"),
          Map.entry("DNS_NODATA", "dns.html#nodata"),
          Map.entry("DNS_SERVFAIL", "dns.html#servfail"),
          Map.entry("DNS_TIMEOUT", "dns.html#timeout"),
          Map.entry("DNS_MISMATCH", "dns.html#mismatch"),
          Map.entry("DNS_DANGLING_CNAME", "dns.html#dangling-cname"),
          Map.entry("DNS_NS_INCONSISTENT", "dns.html#ns-inconsistent"),
          Map.entry("CONNECT_REFUSED", "connection-failures.html#connection-refused"),
          Map.entry("CONNECT_TIMEOUT", "connection-failures.html#connection-timeout"),
          Map.entry("CONNECTION_RESET", "connection-failures.html#connection-reset"),
          Map.entry("PROBE_ERROR", "connection-failures.html#probe-error"),
          Map.entry("TARGET_FORBIDDEN", "connection-failures.html#target-forbidden"),
          Map.entry("TLS_INVALID", "tls.html#invalid-certificate"),
          Map.entry("TLS_EXPIRING", "tls.html#expiring-certificate"),
          Map.entry("HEADER_MISMATCH", "expectations.html#header-mismatch"),
          Map.entry("BODY_MISMATCH", "expectations.html#body-mismatch"),
          Map.entry("BODY_REJECTED", "expectations.html#body-rejected"),
          Map.entry("LATENCY_BUDGET", "expectations.html#latency-budget"),
          Map.entry("TOO_MANY_REDIRECTS", "http-errors.html#too-many-redirects"),
          Map.entry("PROTOCOL_ERROR", "http-errors.html#protocol-error"),
          Map.entry("PROBE_BLOCKED", "http-errors.html#probe-blocked"),
          Map.entry("NOT_CACHEABLE", "expectations.html#not-cacheable"));

  private Runbooks() {}

  /** Every code with a fixed page; the HTTP status codes and READ_TIMEOUT are added by hop. */
  public static Map<String, String> fixedLinks() {
    return BY_CODE;
  }

  /** The runbook link for a code and the hop it was blamed on. */
  public static String link(String code, Hop hop) {
    String fixed = BY_CODE.get(code);
    if (fixed != null) {
      return DIRECTORY + fixed;
    }
    String side = hop == Hop.EDGE ? "edge-to-origin" : "origin";
    return DIRECTORY
        + switch (code) {
          case "HTTP_502" -> "502-bad-gateway.html#" + (hop == Hop.EDGE ? side : "origin-unreachable");
          case "HTTP_503" -> "503-service-unavailable.html#" + side;
          case "HTTP_504", "READ_TIMEOUT" -> "504-gateway-timeout.html#" + side;
          default -> code.startsWith("HTTP_4")
              ? "http-errors.html#client-error"
              : "http-errors.html#server-error";
        };
  }
}
