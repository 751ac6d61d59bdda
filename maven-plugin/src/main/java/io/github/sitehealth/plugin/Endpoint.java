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

  /** Latency budget of one attempt, in milliseconds. */
  private Long maxLatencyMs;

  /** Response header name to a regular expression that must be found in its value. */
  private Map<String, String> expectHeaders;

  /** Request headers; values may use {@code ${env.NAME}}. */
  private Map<String, String> headers;

  /** Whole-check deadline in milliseconds, every attempt included. Default 10000. */
  private Long timeoutMs;

  /** Extra attempts, with backoff, before the check is DOWN. Default 2. */
  private Integer retries;

  EndpointConfig toConfig() {
    return new EndpointConfig(
        name, url, origin, expectStatus, maxLatencyMs, expectHeaders, headers, timeoutMs, retries);
  }
}
