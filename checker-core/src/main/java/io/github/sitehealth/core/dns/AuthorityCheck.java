package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.ServerAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks every authoritative server of a name's zone, directly and without recursion, for the zone's
 * SOA serial and for the checked record, and compares what they say. The servers are the zone's NS
 * records (found through the resolver, walking up from the name to the zone apex), or the {@code
 * <authoritativeServers>} configured for split-horizon setups and tests.
 */
final class AuthorityCheck {

  /** The most authoritative servers asked; zones rarely have more than eight. */
  static final int MAX_SERVERS = 16;

  private final DnsClient client;
  private final ChainFollower follower;
  private final int nameServerPort;

  /**
   * @param nameServerPort the port of the servers found through NS records: 53 outside tests
   */
  AuthorityCheck(DnsClient client, ChainFollower follower, int nameServerPort) {
    this.client = client;
    this.follower = follower;
    this.nameServerPort = nameServerPort;
  }

  /** An authoritative server: how evidence names it, and where it is. */
  record Server(String label, InetSocketAddress address) {}

  /**
   * What one server said.
   *
   * @param serial the zone's SOA serial, when it gave one
   * @param zone the zone apex its SOA belongs to
   * @param answer its answer for the record, in a form to compare: rcode and records without TTLs
   * @param failure why it gave no usable answer
   */
  record View(
      String server,
      Optional<Long> serial,
      Optional<String> zone,
      String answer,
      Optional<String> failure) {

    String describe() {
      return server
          + ": "
          + failure.orElseGet(
              () -> "serial " + serial.map(String::valueOf).orElse("?") + "; " + answer);
    }
  }

  enum Verdict {
    /** Every server gave the same serial and the same answer. */
    CONSISTENT,
    /** The answers agree, the serials do not: a server lags behind, for now harmlessly. */
    SERIALS_DIFFER,
    /** The servers give different answers for the record. */
    ANSWERS_DIFFER,
    /** A server did not answer, or refused, or did not serve the zone. */
    SERVER_FAILED,
    /** The zone's servers could not be found; {@link Report#discoveryFailure} says why. */
    DISCOVERY_FAILED
  }

  /**
   * @param zone the zone apex, when known
   * @param views what each server said
   * @param discoveryFailure why the servers could not be found
   * @param evidence how the servers were found, and what each said, one fact a line
   */
  record Report(
      Verdict verdict,
      Optional<String> zone,
      List<View> views,
      Optional<Resolution> discoveryFailure,
      List<String> evidence) {}

  Report check(
      DnsRecordSpec spec, Name name, int type, List<InetSocketAddress> resolvers, Budget budget) {
    List<String> evidence = new ArrayList<>();
    List<Server> servers = new ArrayList<>();
    List<View> views = new ArrayList<>();
    Optional<String> zone = Optional.empty();
    if (!spec.authoritativeServers().isEmpty()) {
      for (ServerAddress a : spec.authoritativeServers()) {
        servers.add(new Server(a.toString(), a.socketAddress()));
      }
      evidence.add(
          "authoritative servers as configured: "
              + servers.stream().map(Server::label).collect(Collectors.joining(", ")));
    } else {
      Discovery d = discover(name, resolvers, budget);
      if (d.failure().isPresent()) {
        evidence.add("could not find the authoritative servers of " + RecordText.name(name));
        return new Report(
            Verdict.DISCOVERY_FAILED, Optional.empty(), List.of(), d.failure(), evidence);
      }
      zone = Optional.of(RecordText.name(d.zone()));
      servers.addAll(d.servers());
      views.addAll(d.unreachable());
      evidence.add(
          "zone "
              + zone.get()
              + ", authoritative servers from its NS records: "
              + d.servers().stream().map(Server::label).collect(Collectors.joining(", "))
              + (d.unreachable().isEmpty()
                  ? ""
                  : " (and " + d.unreachable().size() + " without an address)"));
    }

    List<View> asked = ask(servers, name, type, budget);
    views.addAll(0, asked);
    if (zone.isEmpty()) {
      zone = views.stream().flatMap(v -> v.zone().stream()).findFirst();
    }
    views.forEach(v -> evidence.add("authoritative " + v.describe()));
    return new Report(verdict(views), zone, views, Optional.empty(), evidence);
  }

  private static Verdict verdict(List<View> views) {
    if (views.stream().anyMatch(v -> v.failure().isPresent())) {
      return Verdict.SERVER_FAILED;
    }
    if (views.stream().map(View::answer).distinct().count() > 1) {
      return Verdict.ANSWERS_DIFFER;
    }
    if (views.stream().map(View::serial).distinct().count() > 1) {
      return Verdict.SERIALS_DIFFER;
    }
    return Verdict.CONSISTENT;
  }

  /** Asks every server for the zone's serial, then for the record, all servers at once. */
  private List<View> ask(List<Server> servers, Name name, int type, Budget budget) {
    int n = servers.size();
    Long[] serials = new Long[n];
    String[] zones = new String[n];
    String[] failures = new String[n];

    // The SOA of the name's zone: in the answer at the apex, in the authority section below it.
    // A CNAME at the name hides it (the answer follows the alias), so walk up.
    Map<Integer, Name> pending = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      pending.put(i, name);
    }
    for (int step = 0; step < name.labels() && !pending.isEmpty(); step++) {
      List<Integer> which = new ArrayList<>(pending.keySet());
      List<DnsClient.Question> questions = new ArrayList<>();
      for (int i : which) {
        questions.add(
            new DnsClient.Question(servers.get(i).address(), pending.get(i), Type.SOA, false));
      }
      List<QueryOutcome> outcomes = client.queryAll(questions, budget);
      for (int k = 0; k < which.size(); k++) {
        int i = which.get(k);
        QueryOutcome o = outcomes.get(k);
        Name asked = pending.remove(i);
        Optional<String> problem = problem(o);
        if (problem.isPresent()) {
          failures[i] = "SOA query: " + problem.get();
          continue;
        }
        Optional<SOARecord> soa = zoneSoa(o.response().orElseThrow(), name, asked);
        if (soa.isPresent()) {
          serials[i] = soa.get().getSerial();
          zones[i] = RecordText.name(soa.get().getName());
        } else if (asked.labels() > 1) {
          pending.put(i, new Name(asked, 1));
        } else {
          failures[i] = "gave no SOA record for " + RecordText.name(name) + " or any parent";
        }
      }
    }

    List<DnsClient.Question> questions = new ArrayList<>();
    for (Server s : servers) {
      questions.add(new DnsClient.Question(s.address(), name, type, false));
    }
    List<QueryOutcome> outcomes = client.queryAll(questions, budget);
    List<View> views = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      QueryOutcome o = outcomes.get(i);
      String failure = failures[i];
      String answer = "";
      Optional<String> problem = problem(o);
      if (problem.isPresent()) {
        failure =
            (failure == null ? "" : failure + "; ")
                + Type.string(type)
                + " query: "
                + problem.get();
      } else {
        answer = answer(o.response().orElseThrow());
      }
      views.add(
          new View(
              servers.get(i).label(),
              Optional.ofNullable(serials[i]),
              Optional.ofNullable(zones[i]),
              answer,
              Optional.ofNullable(failure)));
    }
    return views;
  }

  /** Why an authoritative server's response is unusable: no answer, or an error rcode. */
  private static Optional<String> problem(QueryOutcome o) {
    if (!o.answered()) {
      return Optional.of(o.detail() + " after " + o.durationMs() + " ms");
    }
    int rcode = o.rcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return Optional.of(
          "answered "
              + RecordText.rcode(rcode)
              + (rcode == Rcode.REFUSED ? " (it does not serve this zone)" : ""));
    }
    return Optional.empty();
  }

  private static Optional<SOARecord> zoneSoa(Message m, Name name, Name asked) {
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord soa && r.getName().equals(asked)) {
        return Optional.of(soa);
      }
    }
    for (Record r : m.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa && name.subdomain(r.getName())) {
        return Optional.of(soa);
      }
    }
    return Optional.empty();
  }

  /** {@code NOERROR: a. CNAME b.; b. A 192.0.2.1}: the rcode and the sorted answer section. */
  private static String answer(Message m) {
    TreeSet<String> lines = new TreeSet<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      lines.add(RecordText.lineWithoutTtl(r));
    }
    return RecordText.rcode(m.getRcode())
        + ": "
        + (lines.isEmpty() ? "(no records)" : String.join("; ", lines));
  }

  /**
   * @param zone the zone apex
   * @param servers one per address of each NS name
   * @param unreachable NS names without an address, as failed views
   * @param failure why the NS records could not be found
   */
  private record Discovery(
      Name zone, List<Server> servers, List<View> unreachable, Optional<Resolution> failure) {

    static Discovery failed(Resolution why) {
      return new Discovery(Name.root, List.of(), List.of(), Optional.of(why));
    }
  }

  /**
   * Finds the zone apex by asking the resolver for NS records at the name and then its parents (a
   * negative answer's SOA names the apex at once), then the NS names' addresses.
   */
  private Discovery discover(Name name, List<InetSocketAddress> resolvers, Budget budget) {
    List<QueryOutcome> queries = new ArrayList<>();
    Name n = name;
    Message delegation = null;
    List<Record> nsRecords = List.of();
    // each step moves to a strict parent: at most name.labels() queries
    for (int step = 0; step < name.labels() && delegation == null; step++) {
      QueryOutcome o = client.query(resolvers, n, Type.NS, true, budget);
      queries.add(o);
      if (!o.answered() || (o.rcode() != Rcode.NOERROR && o.rcode() != Rcode.NXDOMAIN)) {
        return Discovery.failed(Resolution.failed(o, n, List.of(), queries));
      }
      Message m = o.response().orElseThrow();
      List<Record> here = ChainFollower.recordsAt(m.getSection(Section.ANSWER), n, Type.NS);
      if (!here.isEmpty()) {
        delegation = m;
        nsRecords = here;
        break;
      }
      Name current = n;
      Optional<Name> apex =
          m.getSection(Section.AUTHORITY).stream()
              .filter(
                  r ->
                      r instanceof SOARecord
                          && current.subdomain(r.getName())
                          && !r.getName().equals(current))
              .map(Record::getName)
              .findFirst();
      if (apex.isPresent()) {
        n = apex.get();
      } else if (n.labels() > 1) {
        n = new Name(n, 1);
      } else {
        break;
      }
    }
    if (delegation == null) {
      return Discovery.failed(
          new Resolution(
              Resolution.Outcome.NODATA, n, List.of(), List.of(), queries, Optional.empty()));
    }

    TreeSet<Name> nsNames = new TreeSet<>();
    nsRecords.forEach(r -> nsNames.add(((NSRecord) r).getTarget()));
    List<Server> servers = new ArrayList<>();
    List<View> unreachable = new ArrayList<>();
    for (Name ns : nsNames) {
      if (servers.size() >= MAX_SERVERS) {
        break;
      }
      List<InetAddress> addresses = addresses(ns, delegation, resolvers, budget);
      if (addresses.isEmpty()) {
        unreachable.add(
            new View(
                RecordText.name(ns),
                Optional.empty(),
                Optional.empty(),
                "",
                Optional.of("no A or AAAA record found for this name server")));
      }
      for (InetAddress a : addresses) {
        InetSocketAddress address = new InetSocketAddress(a, nameServerPort);
        servers.add(new Server(RecordText.name(ns) + " " + DnsClient.format(address), address));
      }
    }
    return new Discovery(n, servers, unreachable, Optional.empty());
  }

  /**
   * The name server's addresses: glue from the NS answer if any, else A (or AAAA) through the
   * resolver.
   */
  private List<InetAddress> addresses(
      Name ns, Message delegation, List<InetSocketAddress> resolvers, Budget budget) {
    List<InetAddress> glue = new ArrayList<>();
    for (Record r : delegation.getSection(Section.ADDITIONAL)) {
      if (r.getName().equals(ns) && r instanceof ARecord a) {
        glue.add(a.getAddress());
      }
    }
    if (!glue.isEmpty()) {
      return glue;
    }
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Resolution r = follower.resolve(ns, type, resolvers, budget);
      if (r.isAnswer()) {
        return r.records().stream()
            .map(rec -> rec instanceof ARecord a ? a.getAddress() : ((AAAARecord) rec).getAddress())
            .toList();
      }
      if (r.outcome() != Resolution.Outcome.NODATA) {
        break;
      }
    }
    return List.of();
  }
}
