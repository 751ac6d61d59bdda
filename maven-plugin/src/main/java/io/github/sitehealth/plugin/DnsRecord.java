package io.github.sitehealth.plugin;

import io.github.sitehealth.core.spec.DnsRecordConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code <dnsRecord>} of the {@code verify} goal. Fields left out take their defaults; the
 * checker core validates and names the element and value it rejects.
 */
public class DnsRecord {

  /** The DNS name, e.g. {@code www.example.com}. Required. */
  private String name;

  /** A, AAAA, CNAME, NS, MX, TXT, CAA or SOA. Default A. */
  private String type;

  /** Expected values in zone-file syntax; one {@code expect} element per value. None by default. */
  private final List<String> expect = new ArrayList<>();

  /** {@code exact} (default: the answers equal the expected set) or {@code contains}. */
  private String match;

  /** Lowest acceptable TTL in seconds; lower is DEGRADED. None by default. */
  private Long minTtl;

  /** Highest acceptable TTL in seconds; higher is DEGRADED. None by default. */
  private Long maxTtl;

  /** This record's resolver, {@code ip[:port]}. Default: the run's {@code resolver}. */
  private String resolver;

  /**
   * Also ask each authoritative server of the zone and compare SOA serials and answers. Default
   * false.
   */
  private Boolean checkAuthoritative;

  /**
   * Authoritative servers ({@code ip[:port]}) to ask instead of the zone's NS records, e.g. for
   * split horizon. Default: the zone's NS records.
   */
  private List<String> authoritativeServers;

  /** Whole-check deadline in milliseconds. Default 5000. */
  private Long timeoutMs;

  /** Each {@code <expect>} element adds one expected value. */
  public void setExpect(String value) {
    expect.add(value);
  }

  DnsRecordConfig toConfig() {
    return new DnsRecordConfig(
        name, type, List.copyOf(expect), match, minTtl, maxTtl, resolver, checkAuthoritative,
        authoritativeServers, timeoutMs);
  }
}
