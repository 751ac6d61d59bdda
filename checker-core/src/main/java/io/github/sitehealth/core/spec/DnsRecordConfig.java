package io.github.sitehealth.core.spec;

import java.util.List;

/**
 * A {@code <dnsRecord>} as the user wrote it. Any field may be null: {@link SpecParser} applies the
 * defaults and validates.
 *
 * @param name the DNS name, e.g. {@code www.example.com}; a trailing dot is optional
 * @param type A, AAAA, CNAME, NS, MX, TXT, CAA or SOA; default A
 * @param expect the expected values, in zone-file syntax; empty: any answer of the type passes
 * @param match {@code exact} (default: the answer set equals the expected set) or {@code contains}
 * @param minTtl lowest acceptable TTL in seconds; a lower one makes the check DEGRADED
 * @param maxTtl highest acceptable TTL in seconds; a higher one makes the check DEGRADED
 * @param resolver this record's resolver, {@code host:port}; default: the run's {@code <resolver>}
 * @param checkAuthoritative also ask each of the zone's authoritative servers; default false
 * @param authoritativeServers the authoritative servers to ask instead of the zone's NS records
 *     (split-horizon setups, hidden primaries, tests); needs {@code checkAuthoritative}
 * @param timeoutMs whole-check deadline, every query included; default 5000
 */
public record DnsRecordConfig(
    String name,
    String type,
    List<String> expect,
    String match,
    Long minTtl,
    Long maxTtl,
    String resolver,
    Boolean checkAuthoritative,
    List<String> authoritativeServers,
    Long timeoutMs) {

  /** A config with only a name and a type; everything else takes its default. */
  public static DnsRecordConfig of(String name, String type, String... expect) {
    return new DnsRecordConfig(
        name, type, List.of(expect), null, null, null, null, null, null, null);
  }
}
