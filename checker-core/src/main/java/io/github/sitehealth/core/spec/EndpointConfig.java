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
 * @param warnLatencyMs a passing check slower than this is DEGRADED (LATENCY_BUDGET), below the
 *     {@code maxLatencyMs} that makes it DOWN
 * @param expectBody a regex that must be found in the decoded body (BODY_MISMATCH otherwise)
 * @param rejectBody a regex that must not be found in the decoded body (BODY_REJECTED otherwise)
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
    Integer tlsExpiryWarnDays,
    Long warnLatencyMs,
    String expectBody,
    String rejectBody) {

  /** A config with only a name and a URL; everything else takes its default. */
  public static EndpointConfig of(String name, String url) {
    return builder(name, url).build();
  }

  /** A config with a name and a URL, to which the builder adds what the user set. */
  public static Builder builder(String name, String url) {
    return new Builder().name(name).url(url);
  }

  /** Sets what the user configured; what is not set takes its default. */
  public static final class Builder {
    private String name;
    private String url;
    private String origin;
    private String expectStatus;
    private Long maxLatencyMs;
    private Map<String, String> expectHeaders;
    private Map<String, String> headers;
    private Long timeoutMs;
    private Integer retries;
    private String originAddress;
    private Boolean expectCacheable;
    private Boolean failOnProbeBlocked;
    private Boolean followRedirects;
    private Integer tlsExpiryWarnDays;
    private Long warnLatencyMs;
    private String expectBody;
    private String rejectBody;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    public Builder expectStatus(String expectStatus) {
      this.expectStatus = expectStatus;
      return this;
    }

    public Builder maxLatencyMs(Long maxLatencyMs) {
      this.maxLatencyMs = maxLatencyMs;
      return this;
    }

    public Builder expectHeaders(Map<String, String> expectHeaders) {
      this.expectHeaders = expectHeaders;
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    public Builder timeoutMs(Long timeoutMs) {
      this.timeoutMs = timeoutMs;
      return this;
    }

    public Builder retries(Integer retries) {
      this.retries = retries;
      return this;
    }

    public Builder originAddress(String originAddress) {
      this.originAddress = originAddress;
      return this;
    }

    public Builder expectCacheable(Boolean expectCacheable) {
      this.expectCacheable = expectCacheable;
      return this;
    }

    public Builder failOnProbeBlocked(Boolean failOnProbeBlocked) {
      this.failOnProbeBlocked = failOnProbeBlocked;
      return this;
    }

    public Builder followRedirects(Boolean followRedirects) {
      this.followRedirects = followRedirects;
      return this;
    }

    public Builder tlsExpiryWarnDays(Integer tlsExpiryWarnDays) {
      this.tlsExpiryWarnDays = tlsExpiryWarnDays;
      return this;
    }

    public Builder warnLatencyMs(Long warnLatencyMs) {
      this.warnLatencyMs = warnLatencyMs;
      return this;
    }

    public Builder expectBody(String expectBody) {
      this.expectBody = expectBody;
      return this;
    }

    public Builder rejectBody(String rejectBody) {
      this.rejectBody = rejectBody;
      return this;
    }

    public EndpointConfig build() {
      return new EndpointConfig(
          name,
          url,
          origin,
          expectStatus,
          maxLatencyMs,
          expectHeaders,
          headers,
          timeoutMs,
          retries,
          originAddress,
          expectCacheable,
          failOnProbeBlocked,
          followRedirects,
          tlsExpiryWarnDays,
          warnLatencyMs,
          expectBody,
          rejectBody);
    }
  }
}
