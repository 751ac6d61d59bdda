package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.ServerAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;

/**
 * Runs one DNS record check: resolves the name through the resolver (following CNAMEs), compares
 * the answer with the expectation and, when asked, with every authoritative server.
 */
public final class DnsCheck implements Check<DnsRecordSpec> {

  /**
   * How the evidence line naming the resolver asked begins: {@code resolver 127.0.0.1:5353}, or
   * the build machine's resolvers, {@code resolver 127.0.0.53:53, [::1]:53 (system)}.
   */
  public static final String EVIDENCE_RESOLVER = "resolver ";

  /**
   * How each evidence line of the CNAME chain begins, one record a line in zone-file form: {@code
   * chain www.example.com. 300 CNAME cdn.example.net.}.
   */
  public static final String EVIDENCE_CHAIN = "chain ";

  private final Optional<ServerAddress> runResolver;
  private final List<InetSocketAddress> systemResolvers;
  private final ChainFollower follower;
  private final AuthorityCheck authority;

  /**
   * @param client sends the queries
   * @param runResolver the run's {@code <resolver>}; empty: the system's resolvers, read now
   */
  public DnsCheck(DnsClient client, Optional<ServerAddress> runResolver) {
    this(
        client,
        runResolver,
        List.copyOf(new ResolverConfig().servers()),
        ServerAddress.DEFAULT_PORT);
  }

  /**
   * @param systemResolvers the resolvers for records without one when the run has none
   * @param nameServerPort the port of authoritative servers found through NS records
   */
  DnsCheck(
      DnsClient client,
      Optional<ServerAddress> runResolver,
      List<InetSocketAddress> systemResolvers,
      int nameServerPort) {
    this.runResolver = runResolver;
    // dnsjava falls back to the loopback resolver itself; this keeps the list never empty
    this.systemResolvers =
        systemResolvers.isEmpty()
            ? List.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), ServerAddress.DEFAULT_PORT))
            : List.copyOf(systemResolvers);
    this.follower = new ChainFollower(client);
    this.authority = new AuthorityCheck(client, follower, nameServerPort);
  }

  /** The resolver this record is asked of. */
  @Override
  public String limitKey(DnsRecordSpec spec) {
    return "dns " + resolverLabel(spec);
  }

  @Override
  public CheckResult run(DnsRecordSpec spec) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Budget budget = Budget.of(spec.timeout());
    Name name = absolute(spec.name());
    String resolver = resolverLabel(spec);

    Resolution resolution = follower.resolve(name, spec.type().code(), resolvers(spec), budget);
    Optional<AuthorityCheck.Report> report = Optional.empty();
    if (spec.checkAuthoritative() && !budget.exhausted()) {
      report =
          Optional.of(authority.check(spec, name, spec.type().code(), resolvers(spec), budget));
    }

    DnsDiagnosis.Case c = new DnsDiagnosis.Case(spec, resolver, resolution, report);
    // The evidence lines are written out only for a finding: most checks pass.
    DnsDiagnosis.Result verdict = DnsDiagnosis.diagnose(c, () -> evidence(c, budget));
    String observed = DnsDiagnosis.observed(c);
    long durationMs = (System.nanoTime() - start) / 1_000_000;
    Attempt attempt =
        new Attempt(
            1,
            startedAt,
            durationMs,
            Optional.empty(),
            observed,
            verdict.status() == CheckStatus.UP);
    return new CheckResult(
        spec.checkName(),
        "dns",
        spec.target(),
        verdict.status(),
        observed,
        verdict.finding(),
        List.of(attempt),
        startedAt,
        durationMs);
  }

  private static List<String> evidence(DnsDiagnosis.Case c, Budget budget) {
    List<String> lines = new ArrayList<>();
    Resolution r = c.resolution();
    lines.add(EVIDENCE_RESOLVER + c.resolver());
    r.queries().forEach(q -> lines.add("query " + q.describe()));
    for (CNAMERecord cname : r.chain()) {
      lines.add(EVIDENCE_CHAIN + RecordText.line(cname));
    }
    for (Record record : r.records()) {
      lines.add("answer " + RecordText.line(record));
    }
    if (r.failed().isPresent() && r.isAnswer()) {
      lines.add("the CNAME target could not be checked: " + r.failed().get().describe());
    }
    if (!c.spec().expect().isEmpty()) {
      lines.add(
          "expected ("
              + c.spec().match().name().toLowerCase(java.util.Locale.ROOT)
              + ") "
              + RecordText.values(c.type(), c.spec().expect()));
    }
    if (c.spec().minTtl().isPresent() || c.spec().maxTtl().isPresent()) {
      lines.add(
          "expected TTL "
              + c.spec().minTtl().map(String::valueOf).orElse("0")
              + " to "
              + c.spec().maxTtl().map(v -> v + " s").orElse("any"));
    }
    c.authority()
        .ifPresent(
            a -> {
              lines.addAll(a.evidence());
              a.discoveryFailure()
                  .ifPresent(d -> d.queries().forEach(q -> lines.add("query " + q.describe())));
            });
    if (c.spec().checkAuthoritative() && c.authority().isEmpty()) {
      lines.add("authoritative servers not asked: the check's deadline was used up");
    }
    return lines;
  }

  private List<InetSocketAddress> resolvers(DnsRecordSpec spec) {
    Optional<ServerAddress> configured = spec.resolver().or(() -> runResolver);
    return configured.map(a -> List.of(a.socketAddress())).orElse(systemResolvers);
  }

  private String resolverLabel(DnsRecordSpec spec) {
    Optional<ServerAddress> configured = spec.resolver().or(() -> runResolver);
    return configured
        .map(ServerAddress::toString)
        .orElseGet(
            () ->
                systemResolvers.stream()
                    .map(DnsClient::format)
                    .collect(Collectors.joining(", ", "", " (system)")));
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("validated by SpecParser: " + name, e);
    }
  }
}
