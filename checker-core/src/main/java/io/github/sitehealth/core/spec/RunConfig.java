package io.github.sitehealth.core.spec;

import java.util.List;

/**
 * The run as the user configured it; null means "use the default".
 *
 * @param endpoints the {@code <endpoints>}
 * @param concurrency checks in flight at once; default 64
 * @param perHostConcurrency checks in flight to one host:port; default 8
 * @param trustCertificates path of a PEM file of CA certificates trusted in addition to the JDK's
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked;
 *     default false
 */
public record RunConfig(
    List<EndpointConfig> endpoints,
    Integer concurrency,
    Integer perHostConcurrency,
    String trustCertificates,
    Boolean allowMetadataTargets) {

  /** A run with the JDK's trust only, refusing metadata targets. */
  public RunConfig(List<EndpointConfig> endpoints, Integer concurrency, Integer perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, null, null);
  }
}
