package io.github.sitehealth.core.spec;

import java.util.List;

/**
 * The run as the user configured it; null means "use the default".
 *
 * @param endpoints the {@code <endpoints>}
 * @param concurrency checks in flight at once; default 64
 * @param perHostConcurrency checks in flight to one host:port; default 8
 * @param dnsRecords the {@code <dnsRecords>}
 * @param resolver the {@code <resolver>} for DNS checks, {@code host:port}; default: the system's
 * @param secretHeaders request headers whose values are secret, besides Authorization, Cookie,
 *     Proxy-Authorization and X-Api-Key
 */
public record RunConfig(
    List<EndpointConfig> endpoints,
    Integer concurrency,
    Integer perHostConcurrency,
    List<DnsRecordConfig> dnsRecords,
    String resolver,
    List<String> secretHeaders) {

  /** A run of HTTP checks only. */
  public RunConfig(List<EndpointConfig> endpoints, Integer concurrency, Integer perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, null, null, null);
  }

  /** A run without secret headers. */
  public RunConfig(
      List<EndpointConfig> endpoints,
      Integer concurrency,
      Integer perHostConcurrency,
      List<DnsRecordConfig> dnsRecords,
      String resolver) {
    this(endpoints, concurrency, perHostConcurrency, dnsRecords, resolver, null);
  }
}
