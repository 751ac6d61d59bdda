package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.dns.DnsCheck;
import io.github.sitehealth.core.dns.DnsClient;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.dns.FakeDnsServer;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.ServerAddress;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.HostileServer;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code timeoutMs} is the whole check's deadline: the verdict lands within {@link
 * #MAX_OVERRUN_MS} of it, whatever the server does (never answers, trickles, answers too late) and
 * however many retries are configured.
 *
 * <p>How this stays true on a busy machine: the overrun is measured on the check's own clock
 * ({@code durationMs}), over {@link #RUNS} checks, and the bound applies to the smallest. What the
 * code adds past the deadline (a grace period, a timer only checked now and then, a lookup with a
 * timeout of its own) is in every run; a thread the scheduler runs late is in one now and then.
 * Each run still has a loose bound ({@link #LOOSE_MS}), so no run can hang.
 */
class DeadlineTest {

  /** Over the trickling server's 1 s between bytes, so no inactivity timeout can end it. */
  private static final long TIMEOUT_MS = 1_200;
  private static final long MAX_OVERRUN_MS = 100;
  private static final long LOOSE_MS = 2_000;
  private static final int RUNS = 3;

  private static HttpProbe probe;
  private static HostileServer hostile;
  private static Nginx nginx;
  private static int nginxPort;

  @BeforeAll
  static void start() throws Exception {
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
    hostile = HostileServer.start();
    Nginx.require();
    nginxPort = RealServer.freePort();
    nginx =
        Nginx.start(
            String.join("\n",
                "server {",
                "  listen 127.0.0.1:" + nginxPort + ";",
                // answers, but only after 5 s: far past the deadline
                "  location = /late { echo_sleep 5; echo late; }",
                // the headers at once, the body after 5 s
                "  location = /late-body { echo_flush; echo start; echo_flush; echo_sleep 5; echo end; }",
                "}"),
            nginxPort);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {probe, hostile, nginx}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Runs the check {@link #RUNS} times; returns each overrun, after the per-run checks. */
  private static List<Long> overruns(Supplier<CheckResult> check, String code) {
    List<Long> overruns = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      CheckResult result = check.get();
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(result.finding().orElseThrow().code().id()).as(result.observed()).isEqualTo(code);
      assertThat(result.durationMs())
          .as("the deadline ends the check, not something earlier")
          .isGreaterThanOrEqualTo(TIMEOUT_MS - 20);
      assertThat(wallMs).as("no run hangs").isLessThan(TIMEOUT_MS + LOOSE_MS);
      overruns.add(result.durationMs() - TIMEOUT_MS);
    }
    return overruns;
  }

  private static void withinTheDeadline(List<Long> overruns) {
    assertThat(Collections.min(overruns))
        .as("ms past timeoutMs %s (runs: %s)", TIMEOUT_MS, overruns)
        .isLessThanOrEqualTo(MAX_OVERRUN_MS);
  }

  private static CheckResult check(String url) {
    return new HttpCheck(probe).run(Endpoint.named("deadline", url).timeoutMs(TIMEOUT_MS).retries(2).spec());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/silent", "/trickle", "/trickle-body"})
  void aServerThatNeverCompletesItsAnswerEndsAtTheDeadline(String path) {
    withinTheDeadline(overruns(() -> check(hostile.uri(path).toString()), "READ_TIMEOUT"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/late", "/late-body"})
  void nginxAnsweringAfterTheDeadlineEndsAtTheDeadline(String path) {
    withinTheDeadline(
        overruns(() -> check("http://127.0.0.1:" + nginxPort + path), "READ_TIMEOUT"));
  }

  @Test
  void aResolverThatNeverAnswersEndsTheCheckAtItsDeadline() throws Exception {
    try (FakeDnsServer dns = FakeDnsServer.start();
        DnsClient client = new DnsClient();
        HttpProbe viaDns =
            new HttpProbe(
                ProbeSettings.of(4, 4, HttpProbe.DEFAULT_BODY_CAP)
                    .withResolver(
                        new DnsHostResolver(client, new ServerAddress("127.0.0.1", dns.port()))))) {
      dns.answer(q -> FakeDnsServer.Reply.silence());
      withinTheDeadline(
          overruns(
              () ->
                  new HttpCheck(viaDns)
                      .run(
                          Endpoint.named("deadline", "http://silent.example.test:" + nginxPort + "/")
                              .timeoutMs(TIMEOUT_MS)
                              .retries(2)
                              .spec()),
              "DNS_TIMEOUT"));
    }
  }

  @Test
  void aDnsCheckOfASilentResolverEndsAtItsDeadline() throws Exception {
    try (FakeDnsServer dns = FakeDnsServer.start();
        DnsClient client = new DnsClient()) {
      dns.answer(q -> FakeDnsServer.Reply.silence());
      DnsCheck check = new DnsCheck(client, Optional.of(new ServerAddress("127.0.0.1", dns.port())));
      DnsRecordSpec spec =
          SpecParser.parse(
                  RunConfig.builder()
                      .dnsRecords(
                          List.of(
                              new DnsRecordConfig(
                                  "www.example.test", "A", List.of(), null, null, null, null,
                                  null, null, TIMEOUT_MS)))
                      .build())
              .dnsRecords()
              .get(0);

      withinTheDeadline(overruns(() -> check.run(spec), "DNS_TIMEOUT"));
    }
  }
}
