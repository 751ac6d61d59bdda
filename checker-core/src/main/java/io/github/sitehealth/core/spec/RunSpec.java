package io.github.sitehealth.core.spec;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated run: the checks and the run-wide settings. Build it with {@link SpecParser}.
 *
 * @param resolver the resolver for DNS records without their own; empty: the system's resolvers
 * @param secretHeaders request headers whose values are secret, besides the default ones
 * @param trustCertificates CA certificates trusted in addition to the JDK's own
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked
 */
public record RunSpec(
    List<EndpointSpec> endpoints,
    int concurrency,
    int perHostConcurrency,
    List<DnsRecordSpec> dnsRecords,
    Optional<ServerAddress> resolver,
    Set<String> secretHeaders,
    List<X509Certificate> trustCertificates,
    boolean allowMetadataTargets) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
    dnsRecords = List.copyOf(dnsRecords);
    secretHeaders = Set.copyOf(secretHeaders);
    trustCertificates = List.copyOf(trustCertificates);
  }

  /** A run of HTTP checks only, with the JDK's trust, refusing metadata targets. */
  public RunSpec(List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, List.of(), Optional.empty(), Set.of(),
        List.of(), false);
  }

  /** The number of checks, HTTP and DNS. */
  public int size() {
    return endpoints.size() + dnsRecords.size();
  }
}
