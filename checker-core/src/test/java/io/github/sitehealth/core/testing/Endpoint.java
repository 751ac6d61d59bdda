package io.github.sitehealth.core.testing;

import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an {@link EndpointConfig} by name instead of nine positional arguments. */
public final class Endpoint {

  private final String name;
  private String url;
  private String origin;
  private String expectStatus;
  private Long maxLatencyMs;
  private Map<String, String> expectHeaders;
  private Map<String, String> headers;
  private Long timeoutMs;
  private Integer retries;

  private Boolean followRedirects;
  private Integer tlsExpiryWarnDays;

  private Endpoint(String name, String url) {
    this.name = name;
    this.url = url;
  }

  public static Endpoint named(String name, String url) {
    return new Endpoint(name, url);
  }

  public static Endpoint named(String name, URI url) {
    return new Endpoint(name, url.toString());
  }

  public Endpoint url(String url) {
    this.url = url;
    return this;
  }

  public Endpoint origin(String origin) {
    this.origin = origin;
    return this;
  }

  public Endpoint origin(URI origin) {
    return origin(origin.toString());
  }

  public Endpoint expectStatus(String expectStatus) {
    this.expectStatus = expectStatus;
    return this;
  }

  public Endpoint maxLatencyMs(long maxLatencyMs) {
    this.maxLatencyMs = maxLatencyMs;
    return this;
  }

  public Endpoint expectHeader(String header, String regex) {
    if (expectHeaders == null) {
      expectHeaders = new LinkedHashMap<>();
    }
    expectHeaders.put(header, regex);
    return this;
  }

  public Endpoint header(String header, String value) {
    if (headers == null) {
      headers = new LinkedHashMap<>();
    }
    headers.put(header, value);
    return this;
  }

  public Endpoint timeoutMs(long timeoutMs) {
    this.timeoutMs = timeoutMs;
    return this;
  }

  public Endpoint retries(int retries) {
    this.retries = retries;
    return this;
  }

  public Endpoint followRedirects(boolean followRedirects) {
    this.followRedirects = followRedirects;
    return this;
  }

  public Endpoint tlsExpiryWarnDays(int days) {
    this.tlsExpiryWarnDays = days;
    return this;
  }

  public EndpointConfig config() {
    return EndpointConfig.builder(name, url)
        .origin(origin)
        .expectStatus(expectStatus)
        .maxLatencyMs(maxLatencyMs)
        .expectHeaders(expectHeaders)
        .headers(headers)
        .timeoutMs(timeoutMs)
        .retries(retries)
        .followRedirects(followRedirects)
        .tlsExpiryWarnDays(tlsExpiryWarnDays)
        .build();
  }

  /** The validated spec, through the real {@link SpecParser}. */
  public EndpointSpec spec() {
    return SpecParser.parse(new RunConfig(List.of(config()), null, null)).endpoints().get(0);
  }
}
