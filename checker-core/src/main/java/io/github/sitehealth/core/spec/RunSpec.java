package io.github.sitehealth.core.spec;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A validated run: the checks and the run-wide limits. Build it with {@link SpecParser}.
 *
 * @param trustCertificates CA certificates trusted in addition to the JDK's own
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked
 */
public record RunSpec(
    List<EndpointSpec> endpoints,
    int concurrency,
    int perHostConcurrency,
    List<X509Certificate> trustCertificates,
    boolean allowMetadataTargets) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
    trustCertificates = List.copyOf(trustCertificates);
  }

  /** A run with the JDK's trust only, refusing metadata targets. */
  public RunSpec(List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, List.of(), false);
  }

  public int size() {
    return endpoints.size();
  }
}
