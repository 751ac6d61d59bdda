package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.result.Shard;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated run: the checks and the run-wide settings. Build it with {@link SpecParser}.
 *
 * @param checks every check, of every kind, in configuration order (endpoints, DNS records, TCP
 *     checks)
 * @param concurrency checks in flight at once
 * @param perHostConcurrency checks in flight to one host:port (HTTP and TCP checks)
 * @param resolver the resolver for DNS records without their own; empty: the system's resolvers
 * @param secretHeaders request headers whose values are secret, besides the default ones
 * @param trustCertificates CA certificates trusted in addition to the JDK's own
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked
 * @param perResolverConcurrency DNS checks in flight to one resolver
 * @param vantage where the run checks from, e.g. {@code eu-west}, when named
 * @param shard the share of the checks to run, when the run is split; {@link #checks} holds every
 *     check all the same, {@link #share()} those of the share
 */
public record RunSpec(
    List<CheckSpec> checks,
    int concurrency,
    int perHostConcurrency,
    Optional<ServerAddress> resolver,
    Set<String> secretHeaders,
    List<X509Certificate> trustCertificates,
    boolean allowMetadataTargets,
    int perResolverConcurrency,
    Optional<String> vantage,
    Optional<Shard> shard,
    Map<String, String> groups) {

  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;
  /**
   * DNS checks in flight to one resolver by default: a DNS query is one small datagram, and
   * resolvers answer thousands a second, so DNS checks get a limit of their own rather than the
   * per-host limit meant for web servers.
   */
  public static final int DEFAULT_PER_RESOLVER_CONCURRENCY = 64;

  public RunSpec {
    checks = List.copyOf(checks);
    secretHeaders = Set.copyOf(secretHeaders);
    trustCertificates = List.copyOf(trustCertificates);
    groups = Map.copyOf(groups);
  }

  /** A run whose checks have no groups. */
  public RunSpec(
      List<CheckSpec> checks,
      int concurrency,
      int perHostConcurrency,
      Optional<ServerAddress> resolver,
      Set<String> secretHeaders,
      List<X509Certificate> trustCertificates,
      boolean allowMetadataTargets,
      int perResolverConcurrency,
      Optional<String> vantage,
      Optional<Shard> shard) {
    this(checks, concurrency, perHostConcurrency, resolver, secretHeaders, trustCertificates,
        allowMetadataTargets, perResolverConcurrency, vantage, shard, Map.of());
  }

  /** The group ({@code <group>}) of the named check, when it has one. */
  public Optional<String> group(String checkName) {
    return Optional.ofNullable(groups.get(checkName));
  }

  /** A run of every check, from a place without a name. */
  public RunSpec(
      List<CheckSpec> checks,
      int concurrency,
      int perHostConcurrency,
      Optional<ServerAddress> resolver,
      Set<String> secretHeaders,
      List<X509Certificate> trustCertificates,
      boolean allowMetadataTargets,
      int perResolverConcurrency) {
    this(checks, concurrency, perHostConcurrency, resolver, secretHeaders, trustCertificates,
        allowMetadataTargets, perResolverConcurrency, Optional.empty(), Optional.empty());
  }

  /**
   * The run of this spec's share: the checks whose names {@link Shard#contains its shard
   * contains}, in configuration order, everything else the same; this spec when it has no shard.
   */
  public RunSpec share() {
    if (shard.isEmpty()) {
      return this;
    }
    return new RunSpec(
        checks.stream().filter(c -> shard.get().contains(c.checkName())).toList(),
        concurrency, perHostConcurrency, resolver, secretHeaders, trustCertificates,
        allowMetadataTargets, perResolverConcurrency, vantage, shard, groups);
  }

  /** The checks of one kind, in configuration order. */
  public <S extends CheckSpec> List<S> checks(Class<S> kind) {
    return checks.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The HTTP endpoint checks. */
  public List<EndpointSpec> endpoints() {
    return checks(EndpointSpec.class);
  }

  /** The DNS record checks. */
  public List<DnsRecordSpec> dnsRecords() {
    return checks(DnsRecordSpec.class);
  }

  /** The TCP checks. */
  public List<TcpCheckSpec> tcpChecks() {
    return checks(TcpCheckSpec.class);
  }

  /** The number of checks, of every kind. */
  public int size() {
    return checks.size();
  }
}
