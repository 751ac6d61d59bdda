package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.http.HostLookupException;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.spec.ServerAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves the endpoints' host names through the run's {@code <resolver>}, so that an HTTP check
 * sees the same DNS as the DNS checks and a name that fails to resolve gets the precise DNS
 * finding (NXDOMAIN, NODATA, SERVFAIL, timeout, dangling CNAME) on hop dns.
 */
public final class DnsHostResolver implements HostResolver {

  /** The deadline of one host lookup, every query and the CNAME chain included. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ChainFollower follower;
  private final List<InetSocketAddress> servers;
  /**
   * How a failed lookup names the resolver it asked, before its address: {@code www.example.test:
   * nxdomain at resolver 127.0.0.1:5353}.
   */
  public static final String AT_RESOLVER = " at resolver ";

  private final String label;

  public DnsHostResolver(DnsClient client, ServerAddress resolver) {
    this.follower = new ChainFollower(client);
    this.servers = List.of(resolver.socketAddress());
    this.label = resolver.toString();
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return resolve(host, TIMEOUT);
  }

  /** The lookup ends within {@code budget}, or {@link #TIMEOUT} when that is shorter. */
  @Override
  public InetAddress[] resolve(String host, Duration budget) throws UnknownHostException {
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent()) {
      return new InetAddress[] {literal.get()};
    }
    Name name = name(host);
    Budget lookup = Budget.of(budget.compareTo(TIMEOUT) < 0 ? budget : TIMEOUT);
    Resolution v4 = follower.resolve(name, Type.A, servers, lookup);
    if (v4.outcome() == Resolution.Outcome.ANSWER) {
      return addresses(v4);
    }
    if (v4.outcome() == Resolution.Outcome.NODATA) {
      Resolution v6 = follower.resolve(name, Type.AAAA, servers, lookup);
      if (v6.outcome() == Resolution.Outcome.ANSWER) {
        return addresses(v6);
      }
      if (v6.outcome() != Resolution.Outcome.NODATA) {
        throw failure(host, v6);
      }
    }
    throw failure(host, v4);
  }

  /**
   * Both the A and the AAAA answers (RFC 3596 §2), A first; a family with no data adds nothing.
   * The lookup ends within {@code budget}, or {@link #TIMEOUT} when that is shorter.
   */
  @Override
  public InetAddress[] resolveAll(String host, Duration budget) throws UnknownHostException {
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent()) {
      return new InetAddress[] {literal.get()};
    }
    Name name = name(host);
    Budget lookup = Budget.of(budget.compareTo(TIMEOUT) < 0 ? budget : TIMEOUT);
    Resolution v4 = follower.resolve(name, Type.A, servers, lookup);
    if (v4.outcome() != Resolution.Outcome.ANSWER && v4.outcome() != Resolution.Outcome.NODATA) {
      throw failure(host, v4);
    }
    Resolution v6 = follower.resolve(name, Type.AAAA, servers, lookup);
    List<InetAddress> all = new java.util.ArrayList<>();
    if (v4.outcome() == Resolution.Outcome.ANSWER) {
      all.addAll(List.of(addresses(v4)));
    }
    if (v6.outcome() == Resolution.Outcome.ANSWER) {
      all.addAll(List.of(addresses(v6)));
    }
    if (all.isEmpty()) {
      throw failure(host, v6.outcome() == Resolution.Outcome.NODATA ? v4 : v6);
    }
    return all.toArray(InetAddress[]::new);
  }

  /** The address of an IP literal host ({@code 192.0.2.1}, {@code [2001:db8::1]}); empty for a name. */
  private static Optional<InetAddress> literal(String host) throws UnknownHostException {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return Address.isDottedQuad(bare) || bare.contains(":")
        ? Optional.of(InetAddress.getByName(bare))
        : Optional.empty();
  }

  private static Name name(String host) throws HostLookupException {
    try {
      return Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      throw new HostLookupException(ProbeError.DNS_SERVFAIL, host + " is not a valid DNS name");
    }
  }

  private static InetAddress[] addresses(Resolution r) {
    return r.records().stream()
        .map(rec -> rec instanceof ARecord a ? a.getAddress() : ((AAAARecord) rec).getAddress())
        .toArray(InetAddress[]::new);
  }

  private HostLookupException failure(String host, Resolution r) {
    ProbeError error =
        switch (r.outcome()) {
          case NXDOMAIN -> ProbeError.UNKNOWN_HOST;
          case NODATA -> ProbeError.DNS_NODATA;
          case DANGLING -> ProbeError.DNS_DANGLING_CNAME;
          case TIMEOUT, UNREACHABLE -> ProbeError.DNS_TIMEOUT;
          case LOOP, RCODE, MALFORMED, ANSWER -> ProbeError.DNS_SERVFAIL;
        };
    String chain = r.chain().isEmpty() ? "" : " via CNAME " + r.end();
    return new HostLookupException(
        error, host + chain + ": " + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
            + AT_RESOLVER + label);
  }
}
