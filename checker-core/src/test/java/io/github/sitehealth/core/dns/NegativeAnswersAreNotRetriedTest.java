package io.github.sitehealth.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.ProbeSettings;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.ServerAddress;
import io.github.sitehealth.core.testing.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An authoritative negative answer from a real NSD, through the run's {@code <resolver>}: NXDOMAIN
 * and NODATA hold for the zone's negative TTL (RFC 2308 §5), so an endpoint whose host name gets
 * one is reported after one attempt, and the DNS client does not ask again either.
 */
class NegativeAnswersAreNotRetriedTest {

  private static Optional<Path> nsd;
  private static NsdServer server;
  private static DnsClient client;
  private static HttpProbe probe;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    nsd = NsdServer.locate();
    if (nsd.isEmpty()) {
      return;
    }
    Path dir = Files.createTempDirectory("site-health-negative-");
    for (int attempt = 1; server == null; attempt++) {
      port = NsdServer.freePort("127.0.0.1");
      try {
        server =
            NsdServer.start(
                nsd.get(),
                dir.resolve("nsd-" + attempt),
                "127.0.0.1",
                port,
                Map.of("@SERIAL@", "2024010101", "@MOVED@", "192.0.2.50"));
      } catch (java.io.IOException e) {
        // another process may have taken the port in between: try another one
        if (attempt == 3) {
          throw e;
        }
      }
    }
    client = new DnsClient();
    probe =
        new HttpProbe(
            ProbeSettings.of(4, 4, HttpProbe.DEFAULT_BODY_CAP)
                .withResolver(new DnsHostResolver(client, new ServerAddress("127.0.0.1", port))));
  }

  @BeforeEach
  void skipWithoutNsd() {
    NsdServer.skipWithout(nsd);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (probe != null) {
      probe.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "nope.example.test, DNS_NXDOMAIN", // RFC 2308 §2.1: the name does not exist
    "big.example.test, DNS_NODATA", // RFC 2308 §2.2: TXT only, no A or AAAA
    "dangling.example.test, DNS_DANGLING_CNAME", // its CNAME target is NXDOMAIN
  })
  void anEndpointWhoseHostGetsANegativeAnswerHasOneAttempt(String host, String code) {
    CheckResult result =
        new HttpCheck(probe)
            .run(Endpoint.named("negative", "http://" + host + ":1/").retries(2).timeoutMs(10_000).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.finding().orElseThrow().code().id()).as(result.observed()).isEqualTo(code);
    assertThat(result.attempts()).hasSize(1);
  }

  @Test
  void aDnsCheckOfANameThatDoesNotExistAsksOnce() {
    DnsCheck check =
        new DnsCheck(client, Optional.of(new ServerAddress("127.0.0.1", port)), List.of(), port);

    CheckResult result =
        check.run(
            DnsSpecs.spec(
                new DnsRecordConfig(
                    "nope.example.test", "A", List.of(), null, null, null, null, null, null,
                    3000L)));

    assertThat(result.finding().orElseThrow().code().id()).isEqualTo("DNS_NXDOMAIN");
    assertThat(result.finding().orElseThrow().evidence())
        .anySatisfy(e -> assertThat(e).startsWith("query ").contains("NXDOMAIN"))
        .noneSatisfy(e -> assertThat(e).contains(" tries"));
  }
}
