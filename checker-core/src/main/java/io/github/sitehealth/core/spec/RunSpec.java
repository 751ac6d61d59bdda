package io.github.sitehealth.core.spec;

import java.util.List;
import java.util.Optional;

/**
 * A validated run: the checks and the run-wide limits. Build it with {@link SpecParser}.
 *
 * @param resolver the resolver for DNS records without their own; empty: the system's resolvers
 */
public record RunSpec(
    List<EndpointSpec> endpoints,
    int concurrency,
    int perHostConcurrency,
    List<DnsRecordSpec> dnsRecords,
    Optional<ServerAddress> resolver) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
    dnsRecords = List.copyOf(dnsRecords);
  }

  /** A run of HTTP checks only. */
  public RunSpec(List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, List.of(), Optional.empty());
  }

  /** The number of checks, HTTP and DNS. */
  public int size() {
    return endpoints.size() + dnsRecords.size();
  }
}
