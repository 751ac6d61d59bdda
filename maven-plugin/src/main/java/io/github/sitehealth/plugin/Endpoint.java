package io.github.sitehealth.plugin;

import io.github.sitehealth.core.spec.EndpointConfig;
import java.util.Map;

/**
 * An {@code <endpoint>} of the {@code verify} goal. Fields left out take the defaults documented
 * on each; validation happens in the checker core, which names the element and value it rejects.
 */
public class Endpoint {

  /** Unique name of the check, {@code [A-Za-z0-9._-]+}. Required. */
  private String name;

  /** The public URL, usually through the CDN. Required. */
  private String url;

  /** The same resource straight from the origin; probed when the public URL fails. */
  private String origin;

  /** Expected status codes and ranges, e.g. {@code 200,301-302}. Default {@code 200-399}. */
  private String expectStatus;

  /** Latency budget of one attempt, in milliseconds: slower is DOWN. */
  private Long maxLatencyMs;

  /**
   * Latency warning budget in milliseconds, below {@code maxLatencyMs}: a passing check slower
   * than this is DEGRADED (LATENCY_BUDGET), not DOWN.
   */
  private Long warnLatencyMs;

  /** Response header name to a regular expression that must be found in its value. */
  private Map<String, String> expectHeaders;

  /** Request headers; values may use {@code ${env.NAME}}. */
  private Map<String, String> headers;

  /** Whole-check deadline in milliseconds, every attempt included. Default 10000. */
  private Long timeoutMs;

  /** Extra attempts, with backoff, before the check is DOWN. Default 2. */
  private Integer retries;

  /**
   * The origin's IP address: the origin probe connects there but keeps the public URL's host
   * name for the Host header and TLS (what {@code curl --resolve} does).
   */
  private String originAddress;

  /**
   * Require a response a shared cache may keep: {@code Cache-Control} with {@code max-age} or
   * {@code s-maxage} above 0, and neither {@code no-store} nor {@code private}. Default false.
   */
  private Boolean expectCacheable;

  /**
   * Treat a CDN's bot or WAF block of the probe (403/429 with a CDN fingerprint) as DOWN.
   * Default false: it is DEGRADED "probe blocked".
   */
  private Boolean failOnProbeBlocked;

  /**
   * Follow redirects (at most 10) and check the final answer. Default true; false checks the
   * first answer itself, e.g. an expected {@code 301}.
   */
  private Boolean followRedirects;

  /**
   * Days before the certificate chain the server presents expires (the earliest notAfter of the
   * chain) that a passing HTTPS check turns DEGRADED with {@code TLS_EXPIRING}. Default 14; 0 never
   * warns.
   */
  private Integer tlsExpiryWarnDays;

  EndpointConfig toConfig() {
    return EndpointConfig.builder(name, url)
        .origin(origin)
        .expectStatus(expectStatus)
        .maxLatencyMs(maxLatencyMs)
        .expectHeaders(expectHeaders)
        .headers(headers)
        .timeoutMs(timeoutMs)
        .retries(retries)
        .originAddress(originAddress)
        .expectCacheable(expectCacheable)
        .failOnProbeBlocked(failOnProbeBlocked)
        .followRedirects(followRedirects)
        .tlsExpiryWarnDays(tlsExpiryWarnDays)
        .warnLatencyMs(warnLatencyMs)
        .build();
  }
}
