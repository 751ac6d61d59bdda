package io.github.sitehealth.core.spec;

import java.util.List;

/**
 * The run as the user configured it; null means "use the default". Build it with {@link
 * #builder()}, or with the short constructor for a run of HTTP checks.
 *
 * @param endpoints the {@code <endpoints>}
 * @param concurrency checks in flight at once; default 64
 * @param perHostConcurrency checks in flight to one host:port; default 8
 * @param perResolverConcurrency DNS checks in flight to one resolver; default 64
 * @param checksFile path of a YAML or JSON file of more endpoints, DNS records and TCP checks
 * @param dnsRecords the {@code <dnsRecords>}
 * @param resolver the {@code <resolver>} for DNS checks, {@code host:port}; default: the system's
 * @param secretHeaders request headers whose values are secret, besides Authorization, Cookie,
 *     Proxy-Authorization and X-Api-Key
 * @param trustCertificates path of a PEM file of CA certificates trusted in addition to the JDK's
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked;
 *     default false
 * @param tcpChecks the {@code <tcpChecks>}
 * @param vantage the {@code <vantage>}: where the run checks from, e.g. {@code eu-west}; default
 *     none
 * @param shard the {@code <shard>}, {@code K/N}: run only the K-th of N shares of the checks;
 *     default every check
 */
public record RunConfig(
    List<EndpointConfig> endpoints,
    Integer concurrency,
    Integer perHostConcurrency,
    List<DnsRecordConfig> dnsRecords,
    String resolver,
    List<String> secretHeaders,
    String trustCertificates,
    Boolean allowMetadataTargets,
    List<TcpCheckConfig> tcpChecks,
    Integer perResolverConcurrency,
    String checksFile,
    String vantage,
    String shard) {

  /** A run of HTTP checks only, everything else at its default. */
  public RunConfig(List<EndpointConfig> endpoints, Integer concurrency, Integer perHostConcurrency) {
    this(endpoints, concurrency, perHostConcurrency, null, null, null, null, null, null, null, null,
        null, null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sets what the user configured; what is not set takes its default. */
  public static final class Builder {
    private List<EndpointConfig> endpoints;
    private Integer concurrency;
    private Integer perHostConcurrency;
    private List<DnsRecordConfig> dnsRecords;
    private String resolver;
    private List<String> secretHeaders;
    private String trustCertificates;
    private Boolean allowMetadataTargets;
    private List<TcpCheckConfig> tcpChecks;
    private Integer perResolverConcurrency;
    private String checksFile;
    private String vantage;
    private String shard;

    private Builder() {}

    public Builder endpoints(List<EndpointConfig> endpoints) {
      this.endpoints = endpoints;
      return this;
    }

    public Builder concurrency(Integer concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder perHostConcurrency(Integer perHostConcurrency) {
      this.perHostConcurrency = perHostConcurrency;
      return this;
    }

    public Builder dnsRecords(List<DnsRecordConfig> dnsRecords) {
      this.dnsRecords = dnsRecords;
      return this;
    }

    public Builder resolver(String resolver) {
      this.resolver = resolver;
      return this;
    }

    public Builder secretHeaders(List<String> secretHeaders) {
      this.secretHeaders = secretHeaders;
      return this;
    }

    public Builder trustCertificates(String trustCertificates) {
      this.trustCertificates = trustCertificates;
      return this;
    }

    public Builder allowMetadataTargets(Boolean allowMetadataTargets) {
      this.allowMetadataTargets = allowMetadataTargets;
      return this;
    }

    public Builder tcpChecks(List<TcpCheckConfig> tcpChecks) {
      this.tcpChecks = tcpChecks;
      return this;
    }

    public Builder perResolverConcurrency(Integer perResolverConcurrency) {
      this.perResolverConcurrency = perResolverConcurrency;
      return this;
    }

    public Builder checksFile(String checksFile) {
      this.checksFile = checksFile;
      return this;
    }

    public Builder vantage(String vantage) {
      this.vantage = vantage;
      return this;
    }

    public Builder shard(String shard) {
      this.shard = shard;
      return this;
    }

    public RunConfig build() {
      return new RunConfig(
          endpoints,
          concurrency,
          perHostConcurrency,
          dnsRecords,
          resolver,
          secretHeaders,
          trustCertificates,
          allowMetadataTargets,
          tcpChecks,
          perResolverConcurrency,
          checksFile,
          vantage,
          shard);
    }
  }
}
