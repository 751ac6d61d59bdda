package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.check.CheckSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated DNS record check. Build it with {@link SpecParser}.
 *
 * @param name the absolute, lower-case DNS name, e.g. {@code www.example.com.}
 * @param type the record type
 * @param expect expected values in {@link DnsType#normalize normal form}; empty: any answer passes
 * @param match how the answer set is compared with {@code expect}
 * @param minTtl lowest acceptable TTL in seconds
 * @param maxTtl highest acceptable TTL in seconds
 * @param resolver this record's resolver; empty: the run's
 * @param checkAuthoritative whether every authoritative server is asked too
 * @param authoritativeServers servers to ask instead of the zone's NS records; empty: discover
 * @param timeout whole-check deadline
 */
public record DnsRecordSpec(
    String name,
    DnsType type,
    List<String> expect,
    Match match,
    Optional<Long> minTtl,
    Optional<Long> maxTtl,
    Optional<ServerAddress> resolver,
    boolean checkAuthoritative,
    List<ServerAddress> authoritativeServers,
    Duration timeout)
    implements CheckSpec {

  @Override
  public String kind() {
    return "dns";
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final DnsType DEFAULT_TYPE = DnsType.A;

  /** How the answer set is compared with the expected values. */
  public enum Match {
    /** The answer set equals the expected set. */
    EXACT,
    /** Every expected value is in the answer set; other values may be too. */
    CONTAINS
  }

  public DnsRecordSpec {
    expect = List.copyOf(expect);
    authoritativeServers = List.copyOf(authoritativeServers);
  }

  /** What is checked: {@code www.example.com. CNAME}. */
  @Override
  public String target() {
    return name + " " + type;
  }

  /** The check's name in results: the target, and the resolver when the record has its own. */
  @Override
  public String checkName() {
    return target() + resolver.map(r -> " @" + r).orElse("");
  }
}
