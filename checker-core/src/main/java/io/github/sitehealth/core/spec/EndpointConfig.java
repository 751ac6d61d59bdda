package io.github.sitehealth.core.spec;

import java.util.Map;

/**
 * An {@code <endpoint>} as the user wrote it, filled in directly by the build tool's configuration
 * (Maven sets the fields by name) or by {@link #builder}. Any field may be null: {@link SpecParser}
 * applies the defaults, validates, and names the element and value it rejects.
 *
 * <p>Not final: a build tool may give the element a class of its own that extends this one (Maven
 * looks for a class named after the element in the goal's package before it takes the list's type
 * argument, and every lookup that finds none costs class-loader failures).
 */
public class EndpointConfig {

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
   * The component this check belongs to on the status page, e.g. {@code Checkout} or {@code
   * EU edge}: checks of one group are shown together under the group's worst status, as on a
   * Statuspage. 1 to 64 characters, no control characters. Default: none.
   */
  private String group;

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
   * Latency warning budget in milliseconds, below {@code maxLatencyMs}: a passing check slower
   * than this is DEGRADED (LATENCY_BUDGET), not DOWN.
   */
  private Long warnLatencyMs;

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

  /**
   * Which of the host's addresses to probe: {@code first} (the first address the resolver
   * returns, the default), {@code all} (every A and AAAA answer, each on its own, keeping the
   * URL's host name for the Host header and TLS, as {@code curl --resolve} does), {@code ipv4}
   * (every A answer) or {@code ipv6} (every AAAA answer). The check is DOWN when any probed
   * address is DOWN, and its finding names the addresses that fail.
   */
  private String addresses;

  /**
   * Requests to send, 1 to 1000, spread evenly over {@code sampleWindowMs}; each is one request
   * without retries. Any failed sample makes the check DEGRADED ({@code SOME_REQUESTS_FAIL}); a
   * failure rate above {@code maxFailureRate} makes it DOWN. Default 1: one request, with
   * retries.
   */
  private Integer samples;

  /**
   * The time in milliseconds over which the samples are spread (sample i starts at i x window /
   * samples), 0 to 600000. Default 0: one after the other.
   */
  private Long sampleWindowMs;

  /**
   * The highest failure rate of the samples, in percent (0 to 100), that is still only
   * DEGRADED; above it the check is DOWN. With {@code addresses} other than {@code first} the
   * rate is taken per address. Default 0: any failed sample makes the check DOWN.
   */
  private Double maxFailureRate;

  /** An empty config, for the build tool to fill in. */
  public EndpointConfig() {}

  /** A config with only a name and a URL; everything else takes its default. */
  public static EndpointConfig of(String name, String url) {
    return builder(name, url).build();
  }

  /** A config with a name and a URL, to which the builder adds what the user set. */
  public static Builder builder(String name, String url) {
    return new Builder().name(name).url(url);
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public String origin() {
    return origin;
  }

  public String expectStatus() {
    return expectStatus;
  }

  public Long maxLatencyMs() {
    return maxLatencyMs;
  }

  public Map<String, String> expectHeaders() {
    return expectHeaders;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Long timeoutMs() {
    return timeoutMs;
  }

  public String group() {
    return group;
  }

  public Integer retries() {
    return retries;
  }

  public String originAddress() {
    return originAddress;
  }

  public Boolean expectCacheable() {
    return expectCacheable;
  }

  public Boolean failOnProbeBlocked() {
    return failOnProbeBlocked;
  }

  public Boolean followRedirects() {
    return followRedirects;
  }

  public Integer tlsExpiryWarnDays() {
    return tlsExpiryWarnDays;
  }

  public Long warnLatencyMs() {
    return warnLatencyMs;
  }

  public String expectBody() {
    return expectBody;
  }

  public String rejectBody() {
    return rejectBody;
  }

  public String addresses() {
    return addresses;
  }

  public Integer samples() {
    return samples;
  }

  public Long sampleWindowMs() {
    return sampleWindowMs;
  }

  public Double maxFailureRate() {
    return maxFailureRate;
  }

  /** Sets what the user configured; what is not set takes its default. */
  public static final class Builder {
    private final EndpointConfig config = new EndpointConfig();

    private Builder() {}

    public Builder name(String name) {
      config.name = name;
      return this;
    }

    public Builder url(String url) {
      config.url = url;
      return this;
    }

    public Builder origin(String origin) {
      config.origin = origin;
      return this;
    }

    public Builder expectStatus(String expectStatus) {
      config.expectStatus = expectStatus;
      return this;
    }

    public Builder maxLatencyMs(Long maxLatencyMs) {
      config.maxLatencyMs = maxLatencyMs;
      return this;
    }

    public Builder expectHeaders(Map<String, String> expectHeaders) {
      config.expectHeaders = expectHeaders;
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      config.headers = headers;
      return this;
    }

    public Builder timeoutMs(Long timeoutMs) {
      config.timeoutMs = timeoutMs;
      return this;
    }

    public Builder group(String group) {
      config.group = group;
      return this;
    }

    public Builder retries(Integer retries) {
      config.retries = retries;
      return this;
    }

    public Builder originAddress(String originAddress) {
      config.originAddress = originAddress;
      return this;
    }

    public Builder expectCacheable(Boolean expectCacheable) {
      config.expectCacheable = expectCacheable;
      return this;
    }

    public Builder failOnProbeBlocked(Boolean failOnProbeBlocked) {
      config.failOnProbeBlocked = failOnProbeBlocked;
      return this;
    }

    public Builder followRedirects(Boolean followRedirects) {
      config.followRedirects = followRedirects;
      return this;
    }

    public Builder tlsExpiryWarnDays(Integer tlsExpiryWarnDays) {
      config.tlsExpiryWarnDays = tlsExpiryWarnDays;
      return this;
    }

    public Builder warnLatencyMs(Long warnLatencyMs) {
      config.warnLatencyMs = warnLatencyMs;
      return this;
    }

    public Builder expectBody(String expectBody) {
      config.expectBody = expectBody;
      return this;
    }

    public Builder rejectBody(String rejectBody) {
      config.rejectBody = rejectBody;
      return this;
    }

    public Builder addresses(String addresses) {
      config.addresses = addresses;
      return this;
    }

    public Builder samples(Integer samples) {
      config.samples = samples;
      return this;
    }

    public Builder sampleWindowMs(Long sampleWindowMs) {
      config.sampleWindowMs = sampleWindowMs;
      return this;
    }

    public Builder maxFailureRate(Double maxFailureRate) {
      config.maxFailureRate = maxFailureRate;
      return this;
    }

    /** The config; the builder must not be used after this. */
    public EndpointConfig build() {
      return config;
    }
  }
}
