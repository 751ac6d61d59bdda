package io.github.sitehealth.core.spec;

import java.util.Map;

/**
 * An {@code <endpoint>} as the user wrote it. Any field may be null: {@link SpecParser} applies the
 * defaults and validates.
 *
 * @param name unique check name, {@code [A-Za-z0-9._-]+}
 * @param url the public URL, usually through the CDN
 * @param origin the same resource straight from the origin
 * @param expectStatus codes and ranges, e.g. {@code 200,301-302}; default {@code 200-399}
 * @param maxLatencyMs latency budget for one attempt
 * @param expectHeaders response header name to a regex that must be found in its value
 * @param headers request headers
 * @param timeoutMs whole-check deadline, every attempt included; default 10000
 * @param retries extra attempts before the check is DOWN; default 2
 * @param originAddress IP address to reach the origin at, keeping the public Host and TLS name
 * @param expectCacheable whether the response must be cacheable by a shared cache
 * @param failOnProbeBlocked whether a CDN blocking the probe (403/429) is DOWN rather than DEGRADED
 * @param followRedirects whether redirects are followed; default true
 * @param tlsExpiryWarnDays days before the presented chain expires that a passing check turns
 *     DEGRADED with TLS_EXPIRING; default 14, 0 turns the warning off
 */
public record EndpointConfig(
    String name,
    String url,
    String origin,
    String expectStatus,
    Long maxLatencyMs,
    Map<String, String> expectHeaders,
    Map<String, String> headers,
    Long timeoutMs,
    Integer retries,
    String originAddress,
    Boolean expectCacheable,
    Boolean failOnProbeBlocked,
    Boolean followRedirects,
    Integer tlsExpiryWarnDays) {

  /** A config without the diagnosis options. */
  public EndpointConfig(
      String name,
      String url,
      String origin,
      String expectStatus,
      Long maxLatencyMs,
      Map<String, String> expectHeaders,
      Map<String, String> headers,
      Long timeoutMs,
      Integer retries) {
    this(name, url, origin, expectStatus, maxLatencyMs, expectHeaders, headers, timeoutMs, retries,
        null, null, null, null, null);
  }

  /** A config with the diagnosis options, following redirects. */
  public EndpointConfig(
      String name,
      String url,
      String origin,
      String expectStatus,
      Long maxLatencyMs,
      Map<String, String> expectHeaders,
      Map<String, String> headers,
      Long timeoutMs,
      Integer retries,
      String originAddress,
      Boolean expectCacheable,
      Boolean failOnProbeBlocked) {
    this(name, url, origin, expectStatus, maxLatencyMs, expectHeaders, headers, timeoutMs, retries,
        originAddress, expectCacheable, failOnProbeBlocked, null, null);
  }

  /** A config with the diagnosis and redirect options, warning about expiry at the default. */
  public EndpointConfig(
      String name,
      String url,
      String origin,
      String expectStatus,
      Long maxLatencyMs,
      Map<String, String> expectHeaders,
      Map<String, String> headers,
      Long timeoutMs,
      Integer retries,
      String originAddress,
      Boolean expectCacheable,
      Boolean failOnProbeBlocked,
      Boolean followRedirects) {
    this(name, url, origin, expectStatus, maxLatencyMs, expectHeaders, headers, timeoutMs, retries,
        originAddress, expectCacheable, failOnProbeBlocked, followRedirects, null);
  }

  /** A config with only a name and a URL; everything else takes its default. */
  public static EndpointConfig of(String name, String url) {
    return new EndpointConfig(name, url, null, null, null, null, null, null, null);
  }
}
