package io.github.sitehealth.core.testing;

import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EndpointConfig.Builder} with what tests want on top: headers one at a time, URIs, and the
 * validated spec through the real {@link SpecParser}.
 */
public final class Endpoint {

  private final String name;
  private String url;
  private final Map<String, String> expectHeaders = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final EndpointConfig.Builder builder;

  private Endpoint(String name, String url) {
    this.name = name;
    this.url = url;
    this.builder = EndpointConfig.builder(name, url);
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

  public Endpoint originAddress(String address) {
    builder.originAddress(address);
    return this;
  }

  public Endpoint origin(String origin) {
    builder.origin(origin);
    return this;
  }

  public Endpoint origin(URI origin) {
    return origin(origin.toString());
  }

  public Endpoint expectStatus(String expectStatus) {
    builder.expectStatus(expectStatus);
    return this;
  }

  public Endpoint expectCacheable(boolean expectCacheable) {
    builder.expectCacheable(expectCacheable);
    return this;
  }

  public Endpoint maxLatencyMs(long maxLatencyMs) {
    builder.maxLatencyMs(maxLatencyMs);
    return this;
  }

  public Endpoint warnLatencyMs(long warnLatencyMs) {
    builder.warnLatencyMs(warnLatencyMs);
    return this;
  }

  public Endpoint expectHeader(String header, String regex) {
    expectHeaders.put(header, regex);
    return this;
  }

  public Endpoint header(String header, String value) {
    headers.put(header, value);
    return this;
  }

  public Endpoint expectBody(String regex) {
    builder.expectBody(regex);
    return this;
  }

  public Endpoint rejectBody(String regex) {
    builder.rejectBody(regex);
    return this;
  }

  public Endpoint timeoutMs(long timeoutMs) {
    builder.timeoutMs(timeoutMs);
    return this;
  }

  public Endpoint retries(int retries) {
    builder.retries(retries);
    return this;
  }

  public Endpoint followRedirects(boolean followRedirects) {
    builder.followRedirects(followRedirects);
    return this;
  }

  public Endpoint tlsExpiryWarnDays(int days) {
    builder.tlsExpiryWarnDays(days);
    return this;
  }

  public Endpoint addresses(String addresses) {
    builder.addresses(addresses);
    return this;
  }

  public Endpoint samples(int samples) {
    builder.samples(samples);
    return this;
  }

  public Endpoint sampleWindowMs(long sampleWindowMs) {
    builder.sampleWindowMs(sampleWindowMs);
    return this;
  }

  public Endpoint maxFailureRate(double maxFailureRate) {
    builder.maxFailureRate(maxFailureRate);
    return this;
  }

  public EndpointConfig config() {
    return builder
        .name(name)
        .url(url)
        .expectHeaders(expectHeaders.isEmpty() ? null : new LinkedHashMap<>(expectHeaders))
        .headers(headers.isEmpty() ? null : new LinkedHashMap<>(headers))
        .build();
  }

  /** The validated spec, through the real {@link SpecParser}. */
  public EndpointSpec spec() {
    return SpecParser.parse(new RunConfig(List.of(config()), null, null)).endpoints().get(0);
  }
}
