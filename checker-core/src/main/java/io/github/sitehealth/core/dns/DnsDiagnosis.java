package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.dns.AuthorityCheck.Verdict;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.DnsType;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;
import static io.github.sitehealth.core.dns.Resolution.Outcome.DANGLING;
import static io.github.sitehealth.core.dns.Resolution.Outcome.LOOP;
import static io.github.sitehealth.core.dns.Resolution.Outcome.MALFORMED;
import static io.github.sitehealth.core.dns.Resolution.Outcome.NODATA;
import static io.github.sitehealth.core.dns.Resolution.Outcome.NXDOMAIN;
import static io.github.sitehealth.core.dns.Resolution.Outcome.RCODE;
import static io.github.sitehealth.core.dns.Resolution.Outcome.TIMEOUT;
import static io.github.sitehealth.core.dns.Resolution.Outcome.UNREACHABLE;


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
   * @param actual the values found, in normal form, sorted: worked out once from {@code
   *     resolution}, since most rules look at them
   * @param ttl the answer's TTL in seconds: the lowest of its records, 0 without records
   */
  record Case(
      DnsRecordSpec spec,
      String resolver,
      Resolution resolution,
      Optional<AuthorityCheck.Report> authority,
      SortedSet<String> actual,
      long ttl) {

    Case(DnsRecordSpec spec, String resolver, Resolution resolution,
        Optional<AuthorityCheck.Report> authority) {
      this(spec, resolver, resolution, authority, values(resolution), minTtl(resolution));
    }

    private static SortedSet<String> values(Resolution resolution) {
      SortedSet<String> values = new TreeSet<>();
      for (Record r : resolution.records()) {
        values.add(RecordText.value(r));
      }
      return Collections.unmodifiableSortedSet(values);
    }

    /** The lowest TTL of the records, in s; 0 for none. */
    private static long minTtl(Resolution resolution) {
      long min = Long.MAX_VALUE;
      for (Record r : resolution.records()) {
        min = Math.min(min, r.getTTL());
      }
      return resolution.records().isEmpty() ? 0 : min;
    }

    Resolution.Outcome outcome() {
      return resolution.outcome();
    }

    int type() {
      return spec.type().code();
    }

    List<String> missing() {
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

    boolean ttlBelowMin() {
      return spec.minTtl().isPresent() && ttl() < spec.minTtl().get();
    }

    boolean ttlAboveMax() {
      return spec.maxTtl().isPresent() && ttl() > spec.maxTtl().get();
    }

    boolean authority(Verdict... verdicts) {
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
  record Result(CheckStatus status, Optional<Finding> finding) {}

  /** A rule: when it applies, the status and code it gives and the summary it writes. */
  private record Rule(
      String name,
      Predicate<Case> applies,
      CheckStatus status,
      Function<Case, FindingCode> code,
      Function<Case, String> summary) {}

  private static final CheckStatus DOWN = CheckStatus.DOWN;
  private static final CheckStatus DEGRADED = CheckStatus.DEGRADED;

  /** The rule table, one rule a row; the summaries follow. docs/dns.md mirrors it. */
  private static final List<Rule> RULES =
      List.of(
          rule(
              "the name does not exist",
              is(NXDOMAIN),
              DOWN,
              FindingCode.DNS_NXDOMAIN,
              DnsDiagnosis::nxdomain),
          rule(
              "a CNAME chain ends in a name that does not exist",
              is(DANGLING),
              DOWN,
              FindingCode.DNS_DANGLING_CNAME,
              DnsDiagnosis::dangling),
          rule(
              "the name has no record of the type",
              is(NODATA),
              DOWN,
              FindingCode.DNS_NODATA,
              DnsDiagnosis::nodata),
          rule(
              "no answer in time",
              is(TIMEOUT, UNREACHABLE),
              DOWN,
              FindingCode.DNS_TIMEOUT,
              DnsDiagnosis::timeout),
          rule(
              "the server answered with an error",
              is(RCODE),
              DOWN,
              FindingCode.DNS_SERVFAIL,
              DnsDiagnosis::errorRcode),
          rule(
              "the answer could not be parsed",
              is(MALFORMED),
              DOWN,
              FindingCode.DNS_SERVFAIL,
              DnsDiagnosis::malformed),
          rule(
              "the CNAME chain loops or is too long",
              is(LOOP),
              DOWN,
              FindingCode.DNS_SERVFAIL,
              DnsDiagnosis::loop),
          rule(
              "the records differ from the expected ones",
              Case::mismatch,
              DOWN,
              FindingCode.DNS_MISMATCH,
              DnsDiagnosis::mismatch),
          rule(
              "the authoritative servers disagree on the answer, or one fails",
              c -> c.authority(Verdict.ANSWERS_DIFFER, Verdict.SERVER_FAILED),
              DOWN,
              FindingCode.DNS_NS_INCONSISTENT,
              DnsDiagnosis::answersDiffer),
          new Rule(
              "the authoritative servers cannot be found",
              c -> c.authority(Verdict.DISCOVERY_FAILED),
              DOWN,
              DnsDiagnosis::discoveryCode,
              DnsDiagnosis::discoveryFailed),
          rule(
              "the authoritative servers have different serials",
              c -> c.authority(Verdict.SERIALS_DIFFER),
              DEGRADED,
              FindingCode.DNS_NS_INCONSISTENT,
              DnsDiagnosis::serialsDiffer),
          rule(
              "the TTL is below <minTtl>",
              Case::ttlBelowMin,
              DEGRADED,
              FindingCode.DNS_MISMATCH,
              DnsDiagnosis::ttlTooShort),
          rule(
              "the TTL is above <maxTtl>",
              Case::ttlAboveMax,
              DEGRADED,
              FindingCode.DNS_MISMATCH,
              DnsDiagnosis::ttlTooLong));

  private static String nxdomain(Case c) {
    return String.format(
        "%s does not exist (NXDOMAIN from %s): create the record at your DNS provider, or check"
            + " the name and that its zone is delegated to the servers that hold it.",
        c.name(), c.resolver());
  }

  private static String dangling(Case c) {
    return String.format(
        "%s is a CNAME to %s, which does not exist: remove the CNAME or recreate its target;"
            + " whoever can claim a dangling target can serve content under your name.",
        c.name(), RecordText.name(c.resolution().end()));
  }

  private static String nodata(Case c) {
    String via =
        c.resolution().chain().isEmpty() ? "" : " (reached through a CNAME from " + c.name() + ")";
    return String.format(
        "%s exists but has no %s record%s: add the record, or check the <type> expected.",
        RecordText.name(c.resolution().end()), c.spec().type(), via);
  }

  private static String timeout(Case c) {
    return String.format(
        "No answer from %s for %s (%s, check deadline %d ms): check that the resolver is reachable"
            + " over UDP and TCP port 53 and that the zone's name servers answer.",
        c.failedServer(), c.spec().target(), c.failedDetail(), c.spec().timeout().toMillis());
  }

  private static String errorRcode(Case c) {
    return String.format(
        "%s answered %s for %s %s: the zone's authoritative servers fail, refuse or disagree with"
            + " the delegation (or DNSSEC does not validate); ask them directly with dig +norec.",
        c.failedServer(),
        RecordText.rcode(c.resolution().failed().orElseThrow().rcode()),
        RecordText.name(c.resolution().end()),
        c.spec().type());
  }

  private static String malformed(Case c) {
    return String.format(
        "%s sent an unusable answer for %s (%s): check what listens at that address and any DNS"
            + " proxy or firewall that rewrites DNS packets.",
        c.failedServer(), c.spec().target(), c.failedDetail());
  }

  private static String loop(Case c) {
    return String.format(
        "The CNAME chain from %s loops or is longer than %d (at %s): resolvers give up on it;"
            + " point the CNAMEs at a name that resolves.",
        c.name(), ChainFollower.MAX_CNAME_HOPS, RecordText.name(c.resolution().end()));
  }

  private static String mismatch(Case c) {
    return String.format(
        "%s is %s, expected %s%s: update the record at your DNS provider, or the <expect> values"
            + " if the change was intended.",
        c.spec().target(),
        RecordText.values(c.type(), c.actual()),
        c.spec().match() == DnsRecordSpec.Match.CONTAINS ? "it to contain " : "",
        RecordText.values(c.type(), c.spec().expect()));
  }

  private static String answersDiffer(Case c) {
    String views =
        c.authority().orElseThrow().views().stream()
            .map(AuthorityCheck.View::describe)
            .collect(Collectors.joining(" | "));
    return String.format(
        "The authoritative servers of %s disagree on %s (%s): resolvers give different answers"
            + " depending on the server they ask; fix the zone on the failing server or its zone"
            + " transfers.",
        zone(c), c.spec().target(), views);
  }

  private static FindingCode discoveryCode(Case c) {
    return switch (discoveryFailure(c).outcome()) {
      case TIMEOUT, UNREACHABLE -> FindingCode.DNS_TIMEOUT;
      case NODATA, NXDOMAIN -> FindingCode.DNS_NODATA;
      default -> FindingCode.DNS_SERVFAIL;
    };
  }

  private static String discoveryFailed(Case c) {
    Resolution r = discoveryFailure(c);
    String problem =
        r.failed()
            .map(q -> q.answered() ? RecordText.rcode(q.rcode()) : q.detail())
            .orElse("no NS records at the name or any parent");
    return String.format(
        "The authoritative servers of %s could not be found through %s (NS query for %s: %s):"
            + " check the zone's delegation, or list the servers in <authoritativeServers> when"
            + " they are not published as NS records.",
        c.name(), c.resolver(), RecordText.name(r.end()), problem);
  }

  private static String serialsDiffer(Case c) {
    String serials =
        c.authority().orElseThrow().views().stream()
            .map(v -> v.serial().map(String::valueOf).orElse("?") + " at " + v.server())
            .collect(Collectors.joining(", "));
    return String.format(
        "The authoritative servers of %s have different SOA serials (%s), though they agree on"
            + " %s: a server lags behind; check NOTIFY and zone transfers to it.",
        zone(c), serials, c.spec().target());
  }

  private static String ttlTooShort(Case c) {
    return String.format(
        "%s has TTL %d s, below <minTtl> %d s: raise the TTL so resolvers cache the record (a"
            + " caching resolver counts the TTL down; check at an authoritative server for the"
            + " configured value).",
        c.spec().target(), c.ttl(), c.spec().minTtl().orElseThrow());
  }

  private static String ttlTooLong(Case c) {
    return String.format(
        "%s has TTL %d s, above <maxTtl> %d s: lower the TTL so that changes (failover, a CDN"
            + " switch) reach users in time.",
        c.spec().target(), c.ttl(), c.spec().maxTtl().orElseThrow());
  }

  private static Rule rule(
      String name,
      Predicate<Case> applies,
      CheckStatus status,
      FindingCode code,
      Function<Case, String> summary) {
    return new Rule(name, applies, status, c -> code, summary);
  }

  private static Predicate<Case> is(Resolution.Outcome... outcomes) {
    List<Resolution.Outcome> list = List.of(outcomes);
    return c -> list.contains(c.outcome());
  }

  private static Resolution discoveryFailure(Case c) {
    return c.authority().orElseThrow().discoveryFailure().orElseThrow();
  }

  private DnsDiagnosis() {}

  /**
   * The first rule that applies, or UP.
   *
   * @param evidence the finding's evidence lines, asked for only when a rule applies
   */
  static Result diagnose(Case c, Supplier<List<String>> evidence) {
    for (Rule rule : RULES) {
      if (rule.applies().test(c)) {
        FindingCode code = rule.code().apply(c);
        return new Result(
            rule.status(),
            Optional.of(
                new Finding(
                    code,
                    Hop.DNS,
                    rule.summary().apply(c),
                    Runbooks.link(code, Hop.DNS),
                    evidence.get())));
      }
    }
    return new Result(CheckStatus.UP, Optional.empty());
  }

  /** What was seen, in words, for the check's {@code observed}. */
  static String observed(Case c) {
    Resolution r = c.resolution();
    String end = RecordText.name(r.end());
    return switch (r.outcome()) {
      case ANSWER ->
          RecordText.values(c.type(), c.actual())
              + (r.chain().isEmpty() || c.spec().type() == DnsType.CNAME ? "" : " via " + chain(r))
              + ", TTL "
              + c.ttl()
              + " s";
      case NXDOMAIN -> "NXDOMAIN";
      case DANGLING ->
          "CNAME chain "
              + RecordText.name(r.chain().get(0).getName())
              + " -> "
              + chain(r)
              + " (NXDOMAIN)";
      case NODATA -> "no " + c.spec().type() + " record at " + end + " (NODATA)";
      case LOOP -> "CNAME loop or chain too long at " + end;
      case RCODE ->
          RecordText.rcode(r.failed().orElseThrow().rcode()) + " from " + c.failedServer();
      case MALFORMED -> "unusable answer from " + c.failedServer() + " (" + c.failedDetail() + ")";
      case TIMEOUT, UNREACHABLE ->
          "no answer from " + c.failedServer() + " (" + c.failedDetail() + ")";
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
}
