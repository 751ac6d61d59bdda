package io.github.sitehealth.core.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Resolves a name and type through a resolver, following CNAME chains. A resolver usually returns
 * the whole chain in one answer; an authoritative server stops at the edge of its zones, so a chain
 * that ends in a name the answer does not cover is followed with a new query for that name.
 */
final class ChainFollower {

  /** The longest CNAME chain followed; longer ones are reported as a loop. */
  static final int MAX_CNAME_HOPS = 16;

  private final DnsClient client;

  ChainFollower(DnsClient client) {
    this.client = client;
  }

  /**
   * Resolves {@code name}/{@code type}. For CNAME checks, the CNAME at the name is the answer, and
   * its target is then followed to the end so that a dangling chain is found too.
   */
  Resolution resolve(Name name, int type, List<InetSocketAddress> servers, Budget budget) {
    Resolution resolution = follow(name, type, servers, budget);
    if (type != Type.CNAME || !resolution.isAnswer()) {
      return resolution;
    }
    return chase(resolution, servers, budget);
  }

  /**
   * Follows the targets of a CNAME answer, asking each for its CNAME, until a name that exists
   * without one (the answer stands) or one that does not exist (the chain dangles). When a target
   * cannot be checked the answer stands and {@code failed} holds the query that failed.
   */
  private Resolution chase(Resolution answer, List<InetSocketAddress> servers, Budget budget) {
    CNAMERecord first = (CNAMERecord) answer.records().get(0);
    List<QueryOutcome> queries = new ArrayList<>(answer.queries());
    List<CNAMERecord> chain = new ArrayList<>(List.of(first));
    Set<Name> seen = new HashSet<>(List.of(first.getName()));
    Name current = first.getTarget();
    while (true) {
      if (!seen.add(current) || chain.size() > MAX_CNAME_HOPS) {
        return new Resolution(
            Resolution.Outcome.LOOP, current, chain, List.of(), queries, Optional.empty());
      }
      QueryOutcome outcome = client.query(servers, current, Type.CNAME, true, budget);
      queries.add(outcome);
      if (!outcome.answered()
          || (outcome.rcode() != Rcode.NOERROR && outcome.rcode() != Rcode.NXDOMAIN)) {
        return new Resolution(
            Resolution.Outcome.ANSWER,
            answer.end(),
            chain,
            answer.records(),
            queries,
            Optional.of(outcome));
      }
      if (outcome.rcode() == Rcode.NXDOMAIN) {
        return new Resolution(
            Resolution.Outcome.DANGLING,
            current,
            chain,
            answer.records(),
            queries,
            Optional.empty());
      }
      Optional<CNAMERecord> next =
          cnameAt(outcome.response().orElseThrow().getSection(Section.ANSWER), current);
      if (next.isEmpty()) {
        return new Resolution(
            Resolution.Outcome.ANSWER,
            answer.end(),
            chain,
            answer.records(),
            queries,
            Optional.empty());
      }
      chain.add(next.get());
      current = next.get().getTarget();
    }
  }

  private Resolution follow(Name name, int type, List<InetSocketAddress> servers, Budget budget) {
    List<QueryOutcome> queries = new ArrayList<>();
    List<CNAMERecord> chain = new ArrayList<>();
    Set<Name> seen = new HashSet<>();
    seen.add(name);
    Name current = name;
    // each query either ends the walk or moves it at least one CNAME further
    for (int q = 0; q <= MAX_CNAME_HOPS; q++) {
      QueryOutcome outcome = client.query(servers, current, type, true, budget);
      queries.add(outcome);
      if (!outcome.answered()
          || (outcome.rcode() != Rcode.NOERROR && outcome.rcode() != Rcode.NXDOMAIN)) {
        return Resolution.failed(outcome, current, chain, queries);
      }
      Message m = outcome.response().orElseThrow();
      int rcode = m.getRcode();
      Name asked = current;
      List<Record> answer = m.getSection(Section.ANSWER);
      while (true) {
        List<Record> data = recordsAt(answer, current, type);
        if (!data.isEmpty()) {
          return new Resolution(
              Resolution.Outcome.ANSWER, current, chain, data, queries, Optional.empty());
        }
        Optional<CNAMERecord> cname =
            type == Type.CNAME ? Optional.empty() : cnameAt(answer, current);
        if (cname.isEmpty()) {
          break;
        }
        chain.add(cname.get());
        current = cname.get().getTarget();
        if (!seen.add(current) || chain.size() > MAX_CNAME_HOPS) {
          return new Resolution(
              Resolution.Outcome.LOOP, current, chain, List.of(), queries, Optional.empty());
        }
      }
      if (rcode == Rcode.NXDOMAIN) {
        // RFC 6604: the rcode speaks of the last name of the chain in the answer
        Resolution.Outcome o =
            chain.isEmpty() ? Resolution.Outcome.NXDOMAIN : Resolution.Outcome.DANGLING;
        return new Resolution(o, current, chain, List.of(), queries, Optional.empty());
      }
      if (current.equals(asked)) {
        return new Resolution(
            Resolution.Outcome.NODATA, current, chain, List.of(), queries, Optional.empty());
      }
      // NOERROR, but the chain left what this server answered for: ask for its end
    }
    return new Resolution(
        Resolution.Outcome.LOOP, current, chain, List.of(), queries, Optional.empty());
  }

  // Loops, not streams: these run for every answer of every check.
  static List<Record> recordsAt(List<Record> section, Name name, int type) {
    List<Record> records = new ArrayList<>(section.size());
    for (Record r : section) {
      if (r.getType() == type && r.getName().equals(name)) {
        records.add(r);
      }
    }
    return Collections.unmodifiableList(records);
  }

  private static Optional<CNAMERecord> cnameAt(List<Record> section, Name name) {
    for (Record r : section) {
      if (r instanceof CNAMERecord cname && r.getName().equals(name)) {
        return Optional.of(cname);
      }
    }
    return Optional.empty();
  }
}
