package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.sitehealth.core.dns.FakeDnsServer;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/** HTTP and DNS checks in one run: concurrent, in configuration order, each with its own kind. */
class CheckRunnerDnsTest {

  private static final long SLOW_MS = 700;

  @Test
  void httpAndDnsChecksRunConcurrentlyInOneRun() throws Exception {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(SLOW_MS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    http.setExecutor(null);
    http.start();
    ARecord up =
        new ARecord(
            Name.fromConstantString("up.example.test."),
            DClass.IN,
            60,
            InetAddress.getByName("192.0.2.1"));
    try (FakeDnsServer dns = FakeDnsServer.start()) {
      dns.answer(
          q ->
              q.getQuestion().getName().equals(up.getName())
                  ? FakeDnsServer.Reply.of(FakeDnsServer.response(q, up))
                  : FakeDnsServer.Reply.silence());
      RunConfig config =
          RunConfig.builder()
              .endpoints(List.of(
                  EndpointConfig.of(
                      "slow", "http://127.0.0.1:" + http.getAddress().getPort() + "/")))
              .dnsRecords(List.of(
                  DnsRecordConfig.of("up.example.test", "A", "192.0.2.1"),
                  new DnsRecordConfig(
                      "silent.example.test",
                      "A",
                      List.of(),
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      SLOW_MS)))
              .resolver(dns.address())
              .build();
      ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();

      RunResult run = new CheckRunner(r -> finished.add(r.name())).run(SpecParser.parse(config));

      assertThat(run.checks())
          .extracting(CheckResult::name)
          .containsExactly("slow", "up.example.test. A", "silent.example.test. A");
      assertThat(run.checks()).extracting(CheckResult::kind).containsExactly("http", "dns", "dns");
      assertThat(run.checks())
          .extracting(CheckResult::status)
          .containsExactly(CheckStatus.UP, CheckStatus.UP, CheckStatus.DOWN);
      assertThat(run.checks().get(2).finding().orElseThrow().code().id()).isEqualTo("DNS_TIMEOUT");
      // the quick DNS check finished first, and the two slow checks overlapped in time
      assertThat(finished.peek()).isEqualTo("up.example.test. A");
      CheckResult slow = run.checks().get(0);
      CheckResult silent = run.checks().get(2);
      assertThat(silent.startedAt()).isBefore(slow.startedAt().plusMillis(slow.durationMs()));
      assertThat(slow.startedAt()).isBefore(silent.startedAt().plusMillis(silent.durationMs()));
    } finally {
      http.stop(0);
    }
  }

  /**
   * DNS checks count against a per-resolver limit of their own, not the per-host limit of HTTP
   * checks: a silent resolver keeps every check in flight until its deadline, so the overlap of
   * the checks' intervals shows how many ran at once. The limit is an upper bound whatever the
   * machine's speed; all 12 checks overlapping needs only that they start within their 500 ms.
   */
  @Test
  void dnsChecksHaveALimitPerResolverOfTheirOwn() throws Exception {
    try (FakeDnsServer dns = FakeDnsServer.start()) {
      dns.answer(q -> FakeDnsServer.Reply.silence());

      assertThat(maxOverlap(silentChecks(dns, null))).isEqualTo(12);
      assertThat(maxOverlap(silentChecks(dns, 3))).isBetween(1, 3);
    }
  }

  private static RunResult silentChecks(FakeDnsServer dns, Integer perResolver) {
    List<DnsRecordConfig> records = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(new DnsRecordConfig(
          "n" + i + ".example.test", "A", List.of(), null, null, null, null, null, null, 500L));
    }
    RunConfig config = RunConfig.builder()
        .dnsRecords(records)
        .resolver(dns.address())
        .perHostConcurrency(1)
        .perResolverConcurrency(perResolver)
        .build();
    return new CheckRunner(CheckListener.NONE).run(SpecParser.parse(config));
  }

  /** The most check intervals that overlap at one instant. */
  private static int maxOverlap(RunResult run) {
    int best = 0;
    for (CheckResult at : run.checks()) {
      var instant = at.startedAt();
      int overlapping = 0;
      for (CheckResult c : run.checks()) {
        var end = c.startedAt().plusMillis(c.durationMs());
        if (!c.startedAt().isAfter(instant) && end.isAfter(instant)) {
          overlapping++;
        }
      }
      best = Math.max(best, overlapping);
    }
    return best;
  }
}
