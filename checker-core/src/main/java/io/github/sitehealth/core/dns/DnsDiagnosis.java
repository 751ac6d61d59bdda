package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.DnsType;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;

/**
 * Turns what a DNS check saw into a status and a finding. The rules are tried top to bottom; the
 * first that applies decides. Every finding blames the {@code dns} hop.
 */
final class DnsDiagnosis {

  /**
   * What the diagnosis looks at.
   *
   * @param spec the check
   * @param resolver the resolver asked, as evidence names it
   * @param resolution how the name resolved
   * @param authority what the authoritative servers said, when asked
   */
  record Case(DnsRecordSpec spec, String resolver, Resolution resolution, Optional<AuthorityCheck.Report> authority) {

    Resolution.Outcome outcome() {
      return resolution.outcome();
    }

    int type() {
      return spec.type().code();
    }

    /** The values found, in normal form, sorted. */
    TreeSet<String> actual() {
      return resolution.records().stream().map(RecordText::value).collect(Collectors.toCollection(TreeSet::new));
    }

    List<String> missing() {
      TreeSet<String> actual = actual();
      return spec.expect().stream().filter(v -> !actual.contains(v)).toList();
    }

    List<String> unexpected() {
      return actual().stream().filter(v -> !spec.expect().contains(v)).toList();
    }

    boolean mismatch() {
      if (spec.expect().isEmpty()) {
        return false;
      }
      return !missing().isEmpty()
          || (spec.match() == DnsRecordSpec.Match.EXACT && !unexpected().isEmpty());
    }

    /** The answer's TTL in seconds: the lowest of its records. */
    long ttl() {
      return resolution.records().stream().mapToLong(Record::getTTL).min().orElse(0);
    }

    boolean ttlBelowMin() {
      return spec.minTtl().isPresent() && ttl() < spec.minTtl().get();
    }

    boolean ttlAboveMax() {
      return spec.maxTtl().isPresent() && ttl() > spec.maxTtl().get();
    }

    boolean authority(AuthorityCheck.Verdict... verdicts) {
      return authority.isPresent() && List.of(verdicts).contains(authority.get().verdict());
    }

    String failedServer() {
      return resolution.failed().map(q -> DnsClient.format(q.question().server())).orElse(resolver);
    }

    String failedDetail() {
      return resolution.failed().map(QueryOutcome::detail).orElse("");
    }

    String name() {
      return spec.name();
    }
  }

  /** A status, and the finding that explains it (none for UP). */
  record Verdict(CheckStatus status, Optional<Finding> finding) {}

  private record Rule(
      String name,
      Predicate<Case> applies,
      CheckStatus status,
      Function<Case, String> code,
      Function<Case, String> summary) {

    Rule(String name, Predicate<Case> applies, CheckStatus status, String code, Function<Case, String> summary) {
      this(name, applies, status, c -> code, summary);
    }
  }

  private static final CheckStatus DOWN = CheckStatus.DOWN;
  private static final CheckStatus DEGRADED = CheckStatus.DEGRADED;

  /** The rule table. docs/dns.md mirrors it. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "the name does not exist",
              c -> c.outcome() == Resolution.Outcome.NXDOMAIN,
              DOWN,
              "DNS_NXDOMAIN",
              c -> c.name() + " does not exist (NXDOMAIN from " + c.resolver()
                  + "): create the record at your DNS provider, or check the name and that its zone"
                  + " is delegated to the servers that hold it."),
          new Rule(
              "a CNAME chain ends in a name that does not exist",
              c -> c.outcome() == Resolution.Outcome.DANGLING,
              DOWN,
              "DNS_DANGLING_CNAME",
              c -> c.name() + " is a CNAME to " + RecordText.name(c.resolution().end())
                  + ", which does not exist: remove the CNAME or recreate its target; whoever can"
                  + " claim a dangling target can serve content under your name."),
          new Rule(
              "the name has no record of the type",
              c -> c.outcome() == Resolution.Outcome.NODATA,
              DOWN,
              "DNS_NODATA",
              c -> RecordText.name(c.resolution().end()) + " exists but has no " + c.spec().type()
                  + " record" + (c.resolution().chain().isEmpty() ? "" : " (reached through a CNAME from " + c.name() + ")")
                  + ": add the record, or check the <type> expected."),
          new Rule(
              "no answer in time",
              c -> c.outcome() == Resolution.Outcome.TIMEOUT || c.outcome() == Resolution.Outcome.UNREACHABLE,
              DOWN,
              "DNS_TIMEOUT",
              c -> "No answer from " + c.failedServer() + " for " + c.spec().target()
                  + " (" + c.failedDetail() + ", check deadline " + c.spec().timeout().toMillis() + " ms)"
                  + ": check that the resolver is reachable over UDP and TCP port 53 and that the zone's"
                  + " name servers answer."),
          new Rule(
              "the server answered with an error",
              c -> c.outcome() == Resolution.Outcome.RCODE,
              DOWN,
              "DNS_SERVFAIL",
              c -> c.failedServer() + " answered " + RecordText.rcode(c.resolution().failed().orElseThrow().rcode())
                  + " for " + RecordText.name(c.resolution().end()) + " " + c.spec().type()
                  + ": the zone's authoritative servers fail, refuse or disagree with the delegation"
                  + " (or DNSSEC does not validate); ask them directly with dig +norec."),
          new Rule(
              "the answer could not be parsed",
              c -> c.outcome() == Resolution.Outcome.MALFORMED,
              DOWN,
              "DNS_SERVFAIL",
              c -> c.failedServer() + " sent an unusable answer for " + c.spec().target()
                  + " (" + c.failedDetail() + "): check what listens at that address and any DNS"
                  + " proxy or firewall that rewrites DNS packets."),
          new Rule(
              "the CNAME chain loops or is too long",
              c -> c.outcome() == Resolution.Outcome.LOOP,
              DOWN,
              "DNS_SERVFAIL",
              c -> "The CNAME chain from " + c.name() + " loops or is longer than "
                  + ChainFollower.MAX_CNAME_HOPS + " (at " + RecordText.name(c.resolution().end())
                  + "): resolvers give up on it; point the CNAMEs at a name that resolves."),
          new Rule(
              "the records differ from the expected ones",
              Case::mismatch,
              DOWN,
              "DNS_MISMATCH",
              c -> c.spec().target() + " is " + RecordText.values(c.type(), c.actual())
                  + ", expected " + (c.spec().match() == DnsRecordSpec.Match.CONTAINS ? "it to contain " : "")
                  + RecordText.values(c.type(), c.spec().expect())
                  + ": update the record at your DNS provider, or the <expect> values if the change"
                  + " was intended."),
          new Rule(
              "the authoritative servers disagree on the answer, or one fails",
              c -> c.authority(AuthorityCheck.Verdict.ANSWERS_DIFFER, AuthorityCheck.Verdict.SERVER_FAILED),
              DOWN,
              "DNS_NS_INCONSISTENT",
              c -> "The authoritative servers of " + zone(c) + " disagree on " + c.spec().target()
                  + " (" + disagreement(c) + "): resolvers give different answers depending on the"
                  + " server they ask; fix the zone on the failing server or its zone transfers."),
          new Rule(
              "the authoritative servers cannot be found",
              c -> c.authority(AuthorityCheck.Verdict.DISCOVERY_FAILED),
              DOWN,
              c -> switch (c.authority().orElseThrow().discoveryFailure().orElseThrow().outcome()) {
                case TIMEOUT, UNREACHABLE -> "DNS_TIMEOUT";
                case NODATA, NXDOMAIN -> "DNS_NODATA";
                default -> "DNS_SERVFAIL";
              },
              c -> "The authoritative servers of " + c.name() + " could not be found through "
                  + c.resolver() + " (NS query for "
                  + RecordText.name(c.authority().orElseThrow().discoveryFailure().orElseThrow().end())
                  + ": " + discoveryProblem(c) + "): check the zone's delegation, or list the servers"
                  + " in <authoritativeServers> when they are not published as NS records."),
          new Rule(
              "the authoritative servers have different serials",
              c -> c.authority(AuthorityCheck.Verdict.SERIALS_DIFFER),
              DEGRADED,
              "DNS_NS_INCONSISTENT",
              c -> "The authoritative servers of " + zone(c) + " have different SOA serials ("
                  + serials(c) + "), though they agree on " + c.spec().target()
                  + ": a server lags behind; check NOTIFY and zone transfers to it."),
          new Rule(
              "the TTL is below <minTtl>",
              Case::ttlBelowMin,
              DEGRADED,
              "DNS_MISMATCH",
              c -> c.spec().target() + " has TTL " + c.ttl() + " s, below <minTtl> " + c.spec().minTtl().get()
                  + " s: raise the TTL so resolvers cache the record (a caching resolver counts the"
                  + " TTL down; check at an authoritative server for the configured value)."),
          new Rule(
              "the TTL is above <maxTtl>",
              Case::ttlAboveMax,
              DEGRADED,
              "DNS_MISMATCH",
              c -> c.spec().target() + " has TTL " + c.ttl() + " s, above <maxTtl> " + c.spec().maxTtl().get()
                  + " s: lower the TTL so that changes (failover, a CDN switch) reach users in time."));

  private DnsDiagnosis() {}

  static Verdict diagnose(Case c, List<String> evidence) {
    for (Rule rule : RULES) {
      if (rule.applies().test(c)) {
        String code = rule.code().apply(c);
        return new Verdict(rule.status(), Optional.of(
            new Finding(code, Hop.DNS, rule.summary().apply(c), Runbooks.link(code, Hop.DNS), evidence)));
      }
    }
    return new Verdict(CheckStatus.UP, Optional.empty());
  }

  /** What was seen, in words, for the check's {@code observed}. */
  static String observed(Case c) {
    Resolution r = c.resolution();
    String end = RecordText.name(r.end());
    return switch (r.outcome()) {
      case ANSWER -> RecordText.values(c.type(), c.actual())
          + (r.chain().isEmpty() || c.spec().type() == DnsType.CNAME ? "" : " via " + chain(r))
          + ", TTL " + c.ttl() + " s";
      case NXDOMAIN -> "NXDOMAIN";
      case DANGLING -> "CNAME chain " + RecordText.name(r.chain().get(0).getName()) + " -> " + chain(r)
          + " (NXDOMAIN)";
      case NODATA -> "no " + c.spec().type() + " record at " + end + " (NODATA)";
      case LOOP -> "CNAME loop or chain too long at " + end;
      case RCODE -> RecordText.rcode(r.failed().orElseThrow().rcode()) + " from " + c.failedServer();
      case MALFORMED -> "unusable answer from " + c.failedServer() + " (" + c.failedDetail() + ")";
      case TIMEOUT, UNREACHABLE -> "no answer from " + c.failedServer() + " (" + c.failedDetail() + ")";
    };
  }

  private static String chain(Resolution r) {
    return r.chain().stream()
        .map(CNAMERecord::getTarget)
        .map(RecordText::name)
        .collect(Collectors.joining(" -> "));
  }

  private static String zone(Case c) {
    return c.authority().flatMap(AuthorityCheck.Report::zone).orElse("the zone of " + c.name());
  }

  private static String disagreement(Case c) {
    return c.authority().orElseThrow().views().stream()
        .map(AuthorityCheck.View::describe)
        .collect(Collectors.joining(" | "));
  }

  private static String serials(Case c) {
    return c.authority().orElseThrow().views().stream()
        .map(v -> v.serial().map(String::valueOf).orElse("?") + " at " + v.server())
        .collect(Collectors.joining(", "));
  }

  private static String discoveryProblem(Case c) {
    Resolution r = c.authority().orElseThrow().discoveryFailure().orElseThrow();
    return r.failed()
        .map(q -> q.answered() ? RecordText.rcode(q.rcode()) : q.detail())
        .orElse(r.outcome() == Resolution.Outcome.NODATA ? "no NS records at the name or any parent" : r.outcome().name());
  }
}
