package io.github.sitehealth.core.spec;

import java.util.List;

/** A validated run: the checks and the run-wide limits. Build it with {@link SpecParser}. */
public record RunSpec(List<EndpointSpec> endpoints, int concurrency, int perHostConcurrency) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public RunSpec {
    endpoints = List.copyOf(endpoints);
  }

  public int size() {
    return endpoints.size();
  }
}
