package io.github.sitehealth.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code <dnsRecord>} as the user wrote it, filled in directly by the build tool's configuration
 * (Maven sets the fields by name; each {@code <expect>} element goes through {@link
 * #setExpect}) or by the constructor. Any field may be null: {@link SpecParser} applies the
 * defaults, validates, and names the element and value it rejects.
 *
 * <p>Not final: a build tool may give the element a class of its own that extends this one (Maven
 * looks for a class named after the element in the goal's package before it takes the list's type
 * argument, and every lookup that finds none costs class-loader failures).
 */
public class DnsRecordConfig {

  /** The DNS name, e.g. {@code www.example.com}. Required. */
  private String name;

  /** A, AAAA, CNAME, NS, MX, TXT, CAA or SOA. Default A. */
  private String type;

  /** Expected values in zone-file syntax; one {@code expect} element per value. None by default. */
  private List<String> expect = new ArrayList<>();

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

  /**
   * The component this check belongs to on the status page, e.g. {@code Checkout} or {@code
   * EU edge}: checks of one group are shown together under the group's worst status, as on a
   * Statuspage. 1 to 64 characters, no control characters. Default: none.
   */
  private String group;

  /** An empty config, for the build tool to fill in. */
  public DnsRecordConfig() {}

  /** A config with every field given; null means "use the default". */
  public DnsRecordConfig(
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
    this.name = name;
    this.type = type;
    this.expect = expect == null ? new ArrayList<>() : new ArrayList<>(expect);
    this.match = match;
    this.minTtl = minTtl;
    this.maxTtl = maxTtl;
    this.resolver = resolver;
    this.checkAuthoritative = checkAuthoritative;
    this.authoritativeServers = authoritativeServers;
    this.timeoutMs = timeoutMs;
  }

  /** A config with only a name and a type; everything else takes its default. */
  public static DnsRecordConfig of(String name, String type, String... expect) {
    return new DnsRecordConfig(
        name, type, List.of(expect), null, null, null, null, null, null, null);
  }

  /** Adds one expected value: each {@code <expect>} element is one. */
  public void setExpect(String value) {
    expect.add(value);
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public List<String> expect() {
    return java.util.Collections.unmodifiableList(expect);
  }

  public String match() {
    return match;
  }

  public Long minTtl() {
    return minTtl;
  }

  public Long maxTtl() {
    return maxTtl;
  }

  public String resolver() {
    return resolver;
  }

  public Boolean checkAuthoritative() {
    return checkAuthoritative;
  }

  public List<String> authoritativeServers() {
    return authoritativeServers;
  }

  public Long timeoutMs() {
    return timeoutMs;
  }

  public String group() {
    return group;
  }

  /** This config in the given group ({@code <group>}); returns this config. */
  public DnsRecordConfig group(String group) {
    this.group = group;
    return this;
  }
}
