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

  /**
   * The public URL, usually through the CDN; {@code http} or {@code https}, any host form RFC 3986
   * allows (names, IPv4 and {@code [IPv6]} literals). Required.
   */
  private String url;

  /**
   * The same resource straight from the origin; probed when the public URL fails, to tell an edge
   * failure from an origin failure. None by default.
   */
  private String origin;

  /** Expected status codes and ranges, e.g. {@code 200,301-302}. Default {@code 200-399}. */
  private String expectStatus;

  /** Latency budget of one attempt, in milliseconds: slower is DOWN. None by default. */
  private Long maxLatencyMs;

  /**
   * Latency warning budget in milliseconds, below {@code maxLatencyMs}: a passing check slower
   * than this is DEGRADED (LATENCY_BUDGET), not DOWN.
   */
  private Long warnLatencyMs;

  /**
   * Response header name to a regular expression that must be found in its value. Names are
   * case-insensitive; repeated header lines count as one comma-separated value. None by default.
   */
  private Map<String, String> expectHeaders;

  /**
   * Request header name to value; values may use {@code ${env.NAME}}. Without an {@code
   * Accept-Encoding} here the probe sends {@code Accept-Encoding: gzip, deflate}, as browsers do.
   */
  private Map<String, String> headers;

  /** Whole-check deadline in milliseconds, every attempt included. Default 10000. */
  private Long timeoutMs;

  /**
   * Extra attempts, with backoff (200 ms, doubling, or longer when a {@code Retry-After} asks for
   * it), before the check is DOWN; only failures a retry can change are retried. Default 2.
   */
  private Integer retries;

  /**
   * The origin's IP address (IPv4 or IPv6): the origin probe connects there but keeps the public
   * URL's host name for the Host header and TLS (what {@code curl --resolve} does). None by
   * default.
   */
  private String originAddress;

  /**
   * Require a response a shared cache (CDN) may store and serve fresh, as RFC 9111 decides: not
   * {@code no-store}, {@code private} or {@code no-cache}; a freshness lifetime ({@code
   * s-maxage}, else {@code max-age}, else {@code Expires}) above its {@code Age}; no {@code Vary:
   * *}; no {@code Set-Cookie}, which CDNs do not cache. Otherwise {@code NOT_CACHEABLE}. Default
   * false.
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

  /**
   * A regular expression (Java syntax) that must be found in the response body, e.g. {@code
   * <h1>Welcome} or {@code "status":\s*"ok"}: a 200 maintenance or error page then fails with
   * {@code BODY_MISMATCH}. The body is decoded first (gzip, deflate; the charset of {@code
   * Content-Type}, UTF-8 by default); only its first 1 MiB is read, and the finding says so when
   * the text was not found in it. None by default.
   */
  private String expectBody;

  /**
   * A regular expression (Java syntax) that must not be found in the decoded response body, e.g.
   * {@code (?i)down for maintenance}: when found, the check fails with {@code BODY_REJECTED} and
   * quotes the text around it. None by default.
   */
  private String rejectBody;

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
        .expectBody(expectBody)
        .rejectBody(rejectBody)
        .build();
  }
}
