package io.github.sitehealth.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.ServerAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DnsCheck against two real NSD servers on one port: {@code primary} on 127.0.0.1 and {@code
 * secondary} on 127.0.0.2, the zone's NS records. They serve the same zones, except that the
 * secondary's example.test. has a newer serial and another address for moved.example.test. The
 * primary is the resolver: it answers for its own zones like a resolver would.
 */
class NsdDnsCheckTest {

  @TempDir static Path dir;

  private static NsdServer primary;
  private static NsdServer secondary;
  private static int port;
  private static DnsClient client;
  private static DnsCheck check;

  private static Optional<Path> nsd;

  @BeforeAll
  static void startNsd() throws Exception {
    nsd = NsdServer.locate();
    if (nsd.isEmpty()) {
      return;
    }
    for (int attempt = 1; primary == null || secondary == null; attempt++) {
      port = NsdServer.freePort("127.0.0.1", "127.0.0.2");
      try {
        primary =
            NsdServer.start(
                nsd.get(),
                dir.resolve("primary-" + attempt),
                "127.0.0.1",
                port,
                Map.of("@SERIAL@", "2024010101", "@MOVED@", "192.0.2.50"));
        secondary =
            NsdServer.start(
                nsd.get(),
                dir.resolve("secondary-" + attempt),
                "127.0.0.2",
                port,
                Map.of("@SERIAL@", "2024010102", "@MOVED@", "192.0.2.51"));
      } catch (IOException e) {
        // another process may have taken the port in between: try another one
        stopNsd();
        if (attempt == 3) {
          throw e;
        }
      }
    }
    client = new DnsClient();
    // NS records name port 53; these servers listen on the test port
    check =
        new DnsCheck(client, Optional.of(new ServerAddress("127.0.0.1", port)), List.of(), port);
  }

  @BeforeEach
  void skipWithoutNsd() {
    NsdServer.skipWithout(nsd);
  }

  @AfterAll
  static void stopNsd() throws InterruptedException {
    if (client != null) {
      client.close();
    }
    for (NsdServer s : new NsdServer[] {primary, secondary}) {
      if (s != null) {
        s.close();
      }
    }
    primary = null;
    secondary = null;
  }

  private static DnsRecordSpec spec(String name, String type, String... expect) {
    return DnsSpecs.spec(
        new DnsRecordConfig(
            name, type, List.of(expect), null, null, null, null, null, null, 3000L));
  }

  private static DnsRecordSpec authoritative(String name, String type, List<String> servers) {
    return DnsSpecs.spec(
        new DnsRecordConfig(name, type, List.of(), null, null, null, null, true, servers, 3000L));
  }

  private static List<String> bothServers() {
    return List.of(primary.address(), secondary.address());
  }

  private static Finding finding(CheckResult r) {
    assertThat(r.finding()).as("finding of %s: %s", r.name(), r.observed()).isPresent();
    return r.finding().get();
  }

  @Test
  void cnameToTheCdnMatchesWithTheExpectedTargetMadeAbsolute() {
    CheckResult r = check.run(spec("www.example.test", "CNAME", "edge.cdn.test"));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(r.finding()).isEmpty();
    assertThat(r.kind()).isEqualTo("dns");
    assertThat(r.name()).isEqualTo("www.example.test. CNAME");
    assertThat(r.target()).isEqualTo("www.example.test. CNAME");
    assertThat(r.observed()).isEqualTo("[edge.cdn.test.], TTL 300 s");
    assertThat(r.attempts()).singleElement().satisfies(a -> assertThat(a.passed()).isTrue());
  }

  @Test
  void addressIsFoundThroughATwoHopChain() {
    CheckResult r = check.run(spec("chain.example.test", "A", "192.0.2.80"));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(r.observed())
        .isEqualTo("[192.0.2.80] via www.example.test. -> edge.cdn.test., TTL 60 s");
  }

  @Test
  void cnameToAnotherTargetIsAMismatchNamingBoth() {
    CheckResult r = check.run(spec("www.example.test", "CNAME", "old-edge.cdn.test."));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = finding(r);
    assertThat(f.code().id()).isEqualTo("DNS_MISMATCH");
    assertThat(f.hop()).isEqualTo(Hop.DNS);
    assertThat(f.runbook()).isEqualTo("runbooks/dns.html#mismatch");
    assertThat(f.summary())
        .startsWith(
            "www.example.test. CNAME is [edge.cdn.test.], expected [old-edge.cdn.test.]: update the"
                + " record");
    assertThat(f.evidence())
        .contains(
            "resolver " + primary.address(),
            "answer www.example.test. 300 CNAME edge.cdn.test.",
            "expected (exact) [old-edge.cdn.test.]");
  }

  @Test
  void danglingCnameIsFoundForAnAddressCheck() {
    CheckResult r = check.run(spec("dangling.example.test", "A"));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = finding(r);
    assertThat(f.code().id()).isEqualTo("DNS_DANGLING_CNAME");
    assertThat(f.runbook()).isEqualTo("runbooks/dns.html#dangling-cname");
    assertThat(f.summary())
        .startsWith(
            "dangling.example.test. is a CNAME to gone.example.test., which does not exist");
    assertThat(f.evidence()).contains("chain dangling.example.test. 300 CNAME gone.example.test.");
    assertThat(r.observed())
        .isEqualTo("CNAME chain dangling.example.test. -> gone.example.test. (NXDOMAIN)");
  }

  @Test
  void danglingCnameIsFoundForACnameCheckThatMatches() {
    CheckResult r = check.run(spec("dangling.example.test", "CNAME", "gone.example.test."));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_DANGLING_CNAME");
    assertThat(finding(r).evidence())
        .anyMatch(
            l ->
                l.startsWith(
                    "query " + primary.address() + " gone.example.test. CNAME -> NXDOMAIN"));
  }

  @Test
  void missingNameIsNxdomain() {
    CheckResult r = check.run(spec("nope.example.test", "A"));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_NXDOMAIN");
    assertThat(finding(r).summary())
        .startsWith("nope.example.test. does not exist (NXDOMAIN from " + primary.address() + ")");
    assertThat(r.observed()).isEqualTo("NXDOMAIN");
  }

  @Test
  void missingTypeIsNodata() {
    CheckResult r = check.run(spec("mail.example.test", "AAAA"));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_NODATA");
    assertThat(finding(r).summary()).startsWith("mail.example.test. exists but has no AAAA record");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "example.test | A     | 192.0.2.10",
        "example.test | AAAA  | 2001:DB8:0::10",
        "example.test | MX    | 10 mail.example.test",
        "example.test | TXT   | v=spf1 -all",
        "example.test | CAA   | 0 issue letsencrypt.org",
        "example.test | NS    | ns1.example.test;ns2.example.test.",
        "edge.cdn.test | AAAA | 2001:db8::80",
      })
  void recordTypesMatchTheirExpectedValuesInAnyWriting(String name, String type, String expect) {
    CheckResult r = check.run(spec(name, type, expect.split(";")));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void soaIsAnsweredAtTheApex() {
    CheckResult r = check.run(spec("example.test", "SOA"));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(r.observed()).contains("ns1.example.test. hostmaster.example.test. 2024010101");
  }

  @Test
  void containsAllowsExtraValuesAndExactDoesNot() {
    DnsRecordSpec contains =
        DnsSpecs.spec(
            new DnsRecordConfig(
                "multi.example.test",
                "A",
                List.of("192.0.2.1"),
                "contains",
                null,
                null,
                null,
                null,
                null,
                3000L));
    assertThat(check.run(contains).status()).isEqualTo(CheckStatus.UP);

    CheckResult exact = check.run(spec("multi.example.test", "A", "192.0.2.1"));
    assertThat(exact.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(exact).summary())
        .startsWith("multi.example.test. A is [192.0.2.1, 192.0.2.2], expected [192.0.2.1]");

    DnsRecordSpec missing =
        DnsSpecs.spec(
            new DnsRecordConfig(
                "multi.example.test",
                "A",
                List.of("192.0.2.3"),
                "contains",
                null,
                null,
                null,
                null,
                null,
                3000L));
    assertThat(finding(check.run(missing)).summary())
        .startsWith(
            "multi.example.test. A is [192.0.2.1, 192.0.2.2], expected it to contain [192.0.2.3]");
  }

  @Test
  void ttlOutsideTheBoundsDegradesTheCheck() {
    CheckResult tooLong =
        check.run(
            DnsSpecs.spec(
                new DnsRecordConfig(
                    "www.example.test",
                    "CNAME",
                    List.of("edge.cdn.test."),
                    null,
                    null,
                    60L,
                    null,
                    null,
                    null,
                    3000L)));
    assertThat(tooLong.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(finding(tooLong).code().id()).isEqualTo("DNS_MISMATCH");
    assertThat(finding(tooLong).summary())
        .startsWith("www.example.test. CNAME has TTL 300 s, above <maxTtl> 60 s");
    assertThat(finding(tooLong).evidence()).contains("expected TTL 0 to 60 s");

    CheckResult tooShort =
        check.run(
            DnsSpecs.spec(
                new DnsRecordConfig(
                    "edge.cdn.test", "A", List.of(), null, 600L, null, null, null, null, 3000L)));
    assertThat(tooShort.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(finding(tooShort).summary())
        .startsWith("edge.cdn.test. A has TTL 60 s, below <minTtl> 600 s");

    CheckResult within =
        check.run(
            DnsSpecs.spec(
                new DnsRecordConfig(
                    "edge.cdn.test", "A", List.of(), null, 30L, 60L, null, null, null, 3000L)));
    assertThat(within.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void answerTooBigForUdpArrivesWholeOverTcp() {
    CheckResult r = check.run(spec("big.example.test", "TXT"));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    // eight 207-byte strings: NSD truncates the UDP answer, dnsjava asks again over TCP
    for (int i = 1; i <= 8; i++) {
      assertThat(r.observed()).contains("\"big-" + i + "-xxxxxxxx");
    }
  }

  @Test
  void authoritativeServersThatAgreeLeaveTheCheckUp() {
    CheckResult r = check.run(authoritative("edge.cdn.test", "A", bothServers()));

    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.UP);
    assertThat(r.finding()).isEmpty();
  }

  @Test
  void differentSerialsWithTheSameAnswerDegradeTheCheck() {
    CheckResult r = check.run(authoritative("example.test", "A", bothServers()));

    assertThat(r.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = finding(r);
    assertThat(f.code().id()).isEqualTo("DNS_NS_INCONSISTENT");
    assertThat(f.runbook()).isEqualTo("runbooks/dns.html#ns-inconsistent");
    assertThat(f.summary())
        .startsWith(
            "The authoritative servers of example.test. have different SOA serials"
                + " (2024010101 at "
                + primary.address()
                + ", 2024010102 at "
                + secondary.address()
                + ")");
    assertThat(f.evidence())
        .contains(
            "authoritative servers as configured: "
                + primary.address()
                + ", "
                + secondary.address(),
            "authoritative "
                + primary.address()
                + ": serial 2024010101; NOERROR: example.test. A 192.0.2.10",
            "authoritative "
                + secondary.address()
                + ": serial 2024010102; NOERROR: example.test. A 192.0.2.10");
  }

  @Test
  void differentAnswersFailTheCheck() {
    CheckResult r = check.run(authoritative("moved.example.test", "A", bothServers()));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(finding(r).code().id()).isEqualTo("DNS_NS_INCONSISTENT");
    assertThat(finding(r).summary())
        .contains("disagree on moved.example.test. A")
        .contains(
            primary.address() + ": serial 2024010101; NOERROR: moved.example.test. A 192.0.2.50")
        .contains(
            secondary.address() + ": serial 2024010102; NOERROR: moved.example.test. A 192.0.2.51");
  }

  @Test
  void serversAreFoundThroughTheZonesNsRecords() {
    CheckResult r = check.run(authoritative("www.example.test", "CNAME", List.of()));

    // the SOA walk passes the CNAME at www (whose answer carries cdn.test.'s SOA) up to the apex
    assertThat(r.status()).as(r.observed()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(finding(r).code().id()).isEqualTo("DNS_NS_INCONSISTENT");
    assertThat(finding(r).evidence())
        .contains(
            "zone example.test., authoritative servers from its NS records: ns1.example.test. "
                + primary.address()
                + ", ns2.example.test. "
                + secondary.address());

    CheckResult cdn = check.run(authoritative("edge.cdn.test", "A", List.of()));
    assertThat(cdn.status()).as(cdn.observed()).isEqualTo(CheckStatus.UP);
  }
}
