package io.github.sitehealth.core.spec;

import java.util.List;
import java.util.Set;

/** A validated run: the checks, the run-wide limits and the names of secret headers. Build it with {@link SpecParser}. */
public record RunSpec(
    List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency, Set<String> secretHeaders) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
    secretHeaders = Set.copyOf(secretHeaders);
  }

  public int size() {
    return endpoints.size();
  }
}
