package io.github.sitehealth.core.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated run: the checks and the run-wide limits. Build it with {@link SpecParser}.
 *
 * @param resolver the resolver for DNS records without their own; empty: the system's resolvers
 * @param secretHeaders request headers whose values are secret, besides the default ones
 */
public record RunSpec(
    List<EndpointSpec> endpoints,
    int concurrency,
    int perHostConcurrency,
    List<DnsRecordSpec> dnsRecords,
    Optional<ServerAddress> resolver,
    Set<String> secretHeaders) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
    dnsRecords = List.copyOf(dnsRecords);
    secretHeaders = Set.copyOf(secretHeaders);
  }

  /** A run of HTTP checks only. */
  public RunSpec(List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, List.of(), Optional.empty(), Set.of());
  }

  /** The number of checks, HTTP and DNS. */
  public int size() {
    return endpoints.size() + dnsRecords.size();
  }
}
