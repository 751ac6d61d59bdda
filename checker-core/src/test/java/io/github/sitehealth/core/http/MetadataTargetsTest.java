package io.github.sitehealth.core.http;

import io.github.sitehealth.core.run.HttpCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.HostileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host names that resolve to a cloud metadata or link-local address, and redirects to one, are
 * refused before any connection. No packet may leave for such an address, even if the guard were
 * broken: the test resolver always answers a loopback server first (or instead), which counts
 * every connection it accepts, so a missing refusal shows up as a connection there.
 */
class MetadataTargetsTest {

  private static final String NAME = "metadata.site-health.test";

  private HostileServer server;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HostileServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Answers {@code NAME} with loopback, then {@code forbidden}; any literal with loopback. */
  private HttpProbe probe(String forbidden, boolean allowMetadataTargets) {
    HostResolver resolver =
        host -> {
          asked.add(host);
          InetAddress loopback = InetAddress.getByName("127.0.0.1");
          return host.equalsIgnoreCase(NAME)
              ? new InetAddress[] {loopback, InetAddress.getByName(forbidden)}
              : new InetAddress[] {loopback};
        };
    return new HttpProbe(
        ProbeSettings.of(4, 4, HttpProbe.DEFAULT_BODY_CAP)
            .withResolver(resolver)
            .withMetadataTargets(allowMetadataTargets));
  }

  private URI viaName(String path) {
    return URI.create("http://" + NAME + ":" + server.port() + path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254", "169.254.10.20", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254"
      })
  void aNameResolvingToAMetadataAddressIsRefusedBeforeConnecting(String forbidden) {
    try (HttpProbe probe = probe(forbidden, false)) {
      CheckResult result =
          new HttpCheck(probe)
              .run(
                  Endpoint.named("internal", viaName("/ok"))
                      .origin(server.uri("/ok"))
                      .timeoutMs(2_000)
                      .retries(0)
                      .spec());

      assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
      Finding f = result.finding().orElseThrow();
      assertThat(f.code().id()).isEqualTo("TARGET_FORBIDDEN");
      assertThat(f.hop()).isEqualTo(Hop.NETWORK);
      assertThat(f.runbook()).isEqualTo("runbooks/connection-failures.html#target-forbidden");
      assertThat(f.summary())
          .contains(NAME + " resolves to ")
          .contains("<allowMetadataTargets>true</allowMetadataTargets>");
      assertThat(result.observed()).startsWith("target forbidden (" + NAME + " resolves to ");
      // Resolved, then refused: not one connection, not even to the loopback address listed
      // first, and the origin is not probed for a target that is refused.
      assertThat(asked).containsExactly(NAME);
      assertThat(server.accepted()).isZero();
    }
  }

  @Test
  void aRedirectToAMetadataLiteralIsRefusedBeforeConnecting() {
    try (HttpProbe probe = probe("169.254.169.254", false)) {
      URI redirect =
          server.uri("/redirect-to?http://169.254.169.254:" + server.port() + "/latest/meta-data/");

      ProbeOutcome outcome = probe.fetch(redirect, Map.of(), Duration.ofSeconds(2));

      assertThat(outcome.error()).contains(ProbeError.TARGET_FORBIDDEN);
      assertThat(outcome.detail()).isEqualTo("169.254.169.254, the cloud metadata service");
      // The literal is refused without asking the resolver (which would answer loopback here).
      assertThat(asked).containsExactly("127.0.0.1");
      assertThat(server.accepted()).isEqualTo(1);
      assertThat(server.requests("/redirect-to")).isEqualTo(1);
    }
  }

  @Test
  void aMetadataLiteralUrlIsRefusedByTheProbeToo() {
    try (HttpProbe probe = probe("169.254.169.254", false)) {
      ProbeOutcome outcome =
          probe.fetch(
              URI.create("http://[fd00:ec2::254]:" + server.port() + "/"),
              Map.of(),
              Duration.ofSeconds(2));

      assertThat(outcome.error()).contains(ProbeError.TARGET_FORBIDDEN);
      assertThat(asked).isEmpty();
      assertThat(server.accepted()).isZero();
    }
  }

  @Test
  void withTheOptInTheNameIsConnectedTo() {
    // The loopback address comes first and answers, so nothing is sent to the metadata address.
    try (HttpProbe probe = probe("169.254.169.254", true)) {
      ProbeOutcome outcome = probe.fetch(viaName("/ok"), Map.of(), Duration.ofSeconds(2));

      assertThat(outcome.response().orElseThrow().status()).isEqualTo(200);
      assertThat(server.accepted()).isEqualTo(1);
    }
  }
}
