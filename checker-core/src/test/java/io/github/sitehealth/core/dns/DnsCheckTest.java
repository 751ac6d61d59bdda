package io.github.sitehealth.core.dns;

import static io.github.sitehealth.core.dns.FakeDnsServer.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** DnsCheck against an in-process responder, for what real servers do not do on demand. */
class DnsCheckTest {

  private FakeDnsServer server;
  private DnsClient client;
  private DnsCheck check;

  @BeforeEach
  void start() throws Exception {
    server = FakeDnsServer.start();
    client = new DnsClient();
    check = new DnsCheck(client, Optional.empty(), List.of(), 53);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private DnsRecordSpec spec(String name, String type, long timeoutMs, String... expect) {
    return DnsSpecs.spec(name, type, server.address(), timeoutMs, expect);
  }

  private static Name name(String s) {
    return Name.fromConstantString(s);
  }

  private static ARecord a(String owner, String ip, long ttl) throws Exception {
    return new ARecord(name(owner), DClass.IN, ttl, InetAddress.getByName(ip));
  }

  private static CNAMERecord cname(String owner, String target) {
    return new CNAMERecord(name(owner), DClass.IN, 300, name(target));
  }

  private static Finding finding(CheckResult r) {
    return r.finding().orElseThrow();
  }

  @Test
  void silentServerIsTimeoutWithinTheDeadlineAfterRetries() {
    server.answer(q -> FakeDnsServer.Reply.silence());

    CheckResult r = check.run(spec("www.example.test", "A", 600));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.kind()).isEqualTo("dns");
    assertThat(r.target()).isEqualTo("www.example.test. A");
    assertThat(r.durationMs()).isBetween(550L, 1100L);
    assertThat(finding(r).code().id()).isEqualTo("DNS_TIMEOUT");
    assertThat(finding(r).hop()).isEqualTo(Hop.DNS);
    assertThat(finding(r).runbook()).isEqualTo("runbooks/dns.html#timeout");
    assertThat(finding(r).summary()).contains("No answer from " + server.address(), "600 ms");
    assertThat(finding(r).evidence()).contains("resolver " + server.address());
    // a lost datagram is sent again: 600 ms allow three tries of 200 ms (two on a busy machine)
    assertThat(server.udpQueries.get()).isBetween(2, 3);
    assertThat(r.observed()).contains("no answer from " + server.address());
  }

  @Test
  void aLostDatagramIsSentAgainAndTheCheckPasses() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    ARecord answer = a("www.example.test.", "192.0.2.1", 60);
    server.answer(
        q ->
            seen.incrementAndGet() == 1
                ? FakeDnsServer.Reply.silence()
                : FakeDnsServer.Reply.of(response(q, answer)));

    CheckResult r = check.run(spec("www.example.test", "A", 600, "192.0.2.1"));

    assertThat(r.status()).isEqualTo(CheckStatus.UP);
    assertThat(server.udpQueries.get()).isEqualTo(2);
    assertThat(r.observed()).isEqualTo("[192.0.2.1], TTL 60 s");
  }

  @Test
  void servfailIsReportedWithTheResolver() {
    server.answer(q -> FakeDnsServer.Reply.of(response(q, Rcode.SERVFAIL)));

    CheckResult r = check.run(spec("www.example.test", "A", 2000));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_SERVFAIL");
    assertThat(finding(r).runbook()).isEqualTo("runbooks/dns.html#servfail");
    assertThat(finding(r).summary())
        .startsWith(server.address() + " answered SERVFAIL for www.example.test. A");
    assertThat(r.observed()).isEqualTo("SERVFAIL from " + server.address());
    // SERVFAIL is an answer: it is not asked again
    assertThat(server.udpQueries.get()).isEqualTo(1);
  }

  @Test
  void refusedIsAServerFailureToo() {
    server.answer(q -> FakeDnsServer.Reply.of(response(q, Rcode.REFUSED)));

    CheckResult r = check.run(spec("www.example.test", "A", 2000));

    assertThat(finding(r).code().id()).isEqualTo("DNS_SERVFAIL");
    assertThat(finding(r).summary()).contains("answered REFUSED");
  }

  @Test
  void malformedAnswerIsAServerFailureNamingTheProblem() throws Exception {
    ARecord answer = a("www.example.test.", "192.0.2.1", 60);
    server.answer(
        q -> {
          byte[] wire = response(q, answer).toWire();
          return new FakeDnsServer.Reply(
              Arrays.copyOf(wire, wire.length - 3)); // cut into the record
        });

    CheckResult r = check.run(spec("www.example.test", "A", 2000));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_SERVFAIL");
    assertThat(finding(r).summary()).contains("sent an unusable answer", "malformed answer");
    assertThat(r.observed()).startsWith("unusable answer from " + server.address());
  }

  @Test
  void truncatedUdpAnswerIsAskedAgainOverTcpForTheWholeAnswer() throws Exception {
    List<Record> many = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(a("big.example.test.", "192.0.2." + i, 60));
      expected.add("192.0.2." + i);
    }
    server.answerUdp(
        q -> {
          Message truncated = response(q);
          truncated.getHeader().setFlag(Flags.TC);
          return FakeDnsServer.Reply.of(truncated);
        });
    server.answerTcp(q -> FakeDnsServer.Reply.of(response(q, many.toArray(Record[]::new))));

    CheckResult r = check.run(spec("big.example.test", "A", 2000, expected.toArray(String[]::new)));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(server.udpQueries.get()).isEqualTo(1);
    assertThat(server.tcpQueries.get()).isEqualTo(1);
    assertThat(r.observed()).contains("192.0.2.1,", "192.0.2.40");
  }

  @Test
  void cnameChainThatLeavesTheAnswerIsFollowedWithAnotherQuery() throws Exception {
    CNAMERecord www = cname("www.example.test.", "edge.cdn.test.");
    ARecord edge = a("edge.cdn.test.", "192.0.2.80", 60);
    server.answer(
        q -> {
          Name asked = q.getQuestion().getName();
          return FakeDnsServer.Reply.of(
              asked.equals(www.getName()) ? response(q, www) : response(q, edge));
        });

    CheckResult r = check.run(spec("www.example.test", "A", 2000, "192.0.2.80"));

    assertThat(r.status()).isEqualTo(CheckStatus.UP);
    assertThat(r.observed()).isEqualTo("[192.0.2.80] via edge.cdn.test., TTL 60 s");
    assertThat(server.udpQueries.get()).isEqualTo(2);
  }

  @Test
  void cnameLoopEndsAsServerFailure() {
    server.answer(
        q -> {
          Name asked = q.getQuestion().getName();
          return FakeDnsServer.Reply.of(
              asked.equals(name("a.example.test."))
                  ? response(q, cname("a.example.test.", "b.example.test."))
                  : response(q, cname("b.example.test.", "a.example.test.")));
        });

    CheckResult r = check.run(spec("a.example.test", "A", 2000));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_SERVFAIL");
    assertThat(finding(r).summary()).contains("loops or is longer than 16");
    assertThat(server.udpQueries.get()).isEqualTo(2);
  }

  @Test
  void longCnameChainStopsAfterSixteenHops() {
    // n0 -> n1 -> n2 -> ... never ends; each answer covers one hop
    server.answer(
        q -> {
          String label = q.getQuestion().getName().getLabelString(0);
          int n = Integer.parseInt(label.substring(1));
          return FakeDnsServer.Reply.of(
              response(q, cname("n" + n + ".example.test.", "n" + (n + 1) + ".example.test.")));
        });

    CheckResult r = check.run(spec("n0.example.test", "A", 3000));

    assertThat(finding(r).code().id()).isEqualTo("DNS_SERVFAIL");
    assertThat(server.udpQueries.get()).isEqualTo(17);
  }

  @Test
  void unreachableResolverIsNoAnswer() throws Exception {
    int closedPort;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      closedPort = s.getLocalPort();
    }

    CheckResult r =
        check.run(DnsSpecs.spec("www.example.test", "A", "127.0.0.1:" + closedPort, 1000));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_TIMEOUT");
    assertThat(finding(r).summary()).contains("port unreachable");
  }

  @Test
  void authoritativeServerThatRefusesTheZoneIsInconsistent() throws Exception {
    SOARecord soa =
        new SOARecord(
            name("example.test."),
            DClass.IN,
            300,
            name("ns1.example.test."),
            name("hostmaster.example.test."),
            42,
            3600,
            600,
            86400,
            300);
    ARecord www = a("www.example.test.", "192.0.2.1", 300);
    server.answer(
        q -> {
          // SOA at www: NODATA, with the zone's SOA in the authority section
          Message m = q.getQuestion().getType() == Type.SOA ? response(q) : response(q, www);
          if (q.getQuestion().getType() == Type.SOA) {
            m.addRecord(soa, org.xbill.DNS.Section.AUTHORITY);
          }
          return FakeDnsServer.Reply.of(m);
        });
    try (FakeDnsServer refusing = FakeDnsServer.start()) {
      refusing.answer(q -> FakeDnsServer.Reply.of(response(q, Rcode.REFUSED)));
      DnsRecordSpec spec =
          DnsSpecs.spec(
              new DnsRecordConfig(
                  "www.example.test",
                  "A",
                  List.of("192.0.2.1"),
                  null,
                  null,
                  null,
                  server.address(),
                  true,
                  List.of(server.address(), refusing.address()),
                  2000L));

      CheckResult r = check.run(spec);

      assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
      assertThat(finding(r).code().id()).isEqualTo("DNS_NS_INCONSISTENT");
      assertThat(finding(r).runbook()).isEqualTo("runbooks/dns.html#ns-inconsistent");
      assertThat(finding(r).summary())
          .contains("authoritative servers of example.test. disagree on www.example.test. A")
          .contains(server.address() + ": serial 42; NOERROR: www.example.test. A 192.0.2.1")
          .contains(
              refusing.address() + ": SOA query: answered REFUSED (it does not serve this zone)");
    }
  }

  @Test
  void authoritativeServersAreFoundFromTheSoaOfANegativeAnswerAndTheirAddressLookedUp()
      throws Exception {
    Name apex = name("example.test.");
    Name deep = name("deep.sub.example.test.");
    Name ns1 = name("ns1.example.test.");
    SOARecord soa =
        new SOARecord(
            apex, DClass.IN, 300, ns1, name("hostmaster.example.test."), 42, 3600, 600, 86400, 300);
    ARecord address = a("deep.sub.example.test.", "192.0.2.1", 300);
    // one server is both the resolver and the zone's only name server (NS without glue)
    server.answer(
        q -> {
          Name asked = q.getQuestion().getName();
          int type = q.getQuestion().getType();
          Message m;
          if (asked.equals(deep) && type == Type.A) {
            m = response(q, address);
          } else if (asked.equals(apex) && type == Type.NS) {
            m = response(q, new org.xbill.DNS.NSRecord(apex, DClass.IN, 300, ns1));
          } else if (asked.equals(ns1) && type == Type.A) {
            m = response(q, new ARecord(ns1, DClass.IN, 300, InetAddress.getLoopbackAddress()));
          } else if (asked.equals(deep)) {
            m = response(q); // NODATA for NS and SOA, with the zone's SOA
            m.addRecord(soa, org.xbill.DNS.Section.AUTHORITY);
          } else {
            m = response(q, Rcode.REFUSED);
          }
          return FakeDnsServer.Reply.of(m);
        });
    DnsCheck discovering = new DnsCheck(client, Optional.empty(), List.of(), server.port());
    DnsRecordSpec spec =
        DnsSpecs.spec(
            new DnsRecordConfig(
                "deep.sub.example.test",
                "A",
                List.of("192.0.2.1"),
                null,
                null,
                null,
                server.address(),
                true,
                null,
                2000L));

    CheckResult r = discovering.run(spec);

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(r.finding()).isEmpty();
    // A; NS at the name, whose SOA names the apex; NS at the apex; A of ns1; SOA and A at ns1.
    // Walking up label by label would have asked for NS at sub.example.test. too.
    assertThat(server.udpQueries.get()).isEqualTo(6);
  }

  @Test
  void authoritativeEvidenceNamesTheZoneAndEachServer() throws Exception {
    SOARecord soa =
        new SOARecord(
            name("example.test."),
            DClass.IN,
            300,
            name("ns1.example.test."),
            name("hostmaster.example.test."),
            42,
            3600,
            600,
            86400,
            300);
    server.answer(
        q -> {
          Message m = q.getQuestion().getType() == Type.SOA ? response(q, soa) : response(q);
          return FakeDnsServer.Reply.of(m);
        });
    DnsRecordSpec spec =
        DnsSpecs.spec(
            new DnsRecordConfig(
                "example.test",
                "TXT",
                List.of(),
                null,
                null,
                null,
                server.address(),
                true,
                List.of(server.address()),
                2000L));

    CheckResult r = check.run(spec);

    // the name has no TXT record: that is the finding; the authoritative view is evidence
    assertThat(finding(r).code().id()).isEqualTo("DNS_NODATA");
    assertThat(finding(r).evidence())
        .contains(
            "authoritative servers as configured: " + server.address(),
            "authoritative " + server.address() + ": serial 42; NOERROR: (no records)");
  }
}
