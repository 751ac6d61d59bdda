package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.HAProxy;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.Varnish;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hop diagnosis against real edges on loopback: nginx as a reverse proxy and Varnish as a
 * cache, in front of an nginx origin, producing their genuine 502, 503 and 504 answers.
 */
class EdgeOriginDiagnosisTest {

  private static int edge;
  private static int origin;
  private static int dead;
  private static int varnishDeadBackend;
  private static int varnishMisrouted;
  private static int pinnedPort;
  private static Nginx nginx;
  private static Varnish varnishToDead;
  private static Varnish varnishToWrongPort;
  private static int haproxyToGarbage;
  private static HAProxy haproxy;
  private static java.net.ServerSocket garbageServer;
  private static Thread garbageThread;
  private static HttpProbe probe;

  @BeforeAll
  static void startServers() throws Exception {
    Nginx.require();
    Varnish.require();
    HAProxy.require();
    edge = RealServer.freePort();
    origin = RealServer.freePort();
    dead = RealServer.freePort();
    varnishDeadBackend = RealServer.freePort();
    varnishMisrouted = RealServer.freePort();
    pinnedPort = RealServer.freePort();
    String o = "http://127.0.0.1:" + origin;
    String d = "http://127.0.0.1:" + dead;
    nginx =
        Nginx.start(
            String.join(
                "\n",
                "server {",
                "  listen 127.0.0.1:" + origin + ";",
                "  location = / { add_header Cache-Control \"max-age=60\"; return 200 \"origin ok\\n\"; }",
                "  location = /plain { return 200 \"no caching headers\\n\"; }",
                "  location = /slow { echo_sleep 3; echo \"slow\"; }",
                "  location = /broken { proxy_pass " + d + "/; }",
                "}",
                "server {",
                "  listen 127.0.0.1:" + edge + ";",
                "  location = /ok { proxy_pass " + o + "/; }",
                "  location = /dead { proxy_pass " + d + "/; }",
                "  location = /slow { proxy_read_timeout 1s; proxy_pass " + o + "/slow; }",
                "  location = /origin-broken { proxy_pass " + o + "/broken; }",
                "  location = /plain { proxy_pass " + o + "/plain; }",
                "  location = /waf { add_header cf-ray \"8a1b2c3d4e5f6a7b-AMS\" always; return 403; }",
                "  location = /cf522 { add_header cf-ray \"8a1b2c3d4e5f6a7c-FRA\" always; return 522; }",
                "}",
                // The public name "localhost" on 127.0.0.1 is an edge whose upstream is down; the
                // origin for that name listens on 127.0.0.2, and answers only to that Host.
                "server {",
                "  listen 127.0.0.1:" + pinnedPort + ";",
                "  location / { proxy_pass " + d + "; }",
                "}",
                "server {",
                "  listen 127.0.0.2:" + pinnedPort + " default_server;",
                "  location / { return 421 \"wrong host\\n\"; }",
                "}",
                "server {",
                "  listen 127.0.0.2:" + pinnedPort + ";",
                "  server_name localhost;",
                "  location / { return 200 \"origin for localhost\\n\"; }",
                "}"),
            origin,
            edge,
            pinnedPort);
    varnishToDead = Varnish.start(varnishDeadBackend, dead);
    varnishToWrongPort = Varnish.start(varnishMisrouted, dead);
    // An origin that answers with bytes that are not HTTP: HAProxy's real 502.
    garbageServer = new java.net.ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
    garbageThread = new Thread(EdgeOriginDiagnosisTest::answerGarbage, "garbage-origin");
    garbageThread.setDaemon(true);
    garbageThread.start();
    haproxyToGarbage = RealServer.freePort();
    haproxy = HAProxy.start(haproxyToGarbage, garbageServer.getLocalPort(), 2000);
    probe = new HttpProbe(16, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  /** Reads a request line's worth, answers with non-HTTP bytes, closes; until the socket closes. */
  private static void answerGarbage() {
    while (!garbageServer.isClosed()) {
      try (java.net.Socket s = garbageServer.accept()) {
        s.setSoTimeout(2000);
        s.getInputStream().read(new byte[1024]);
        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n".getBytes());
      } catch (IOException e) {
        // closed, or the client went away: next one
      }
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (garbageServer != null) {
      garbageServer.close();
    }
    if (probe != null) {
      probe.close();
    }
    for (AutoCloseable server :
        new AutoCloseable[] {nginx, varnishToDead, varnishToWrongPort, haproxy}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static CheckResult check(EndpointConfig config) {
    EndpointSpec spec =
        SpecParser.parse(new RunConfig(List.of(config), null, null)).endpoints().get(0);
    return new HttpCheck(probe).run(spec);
  }

  private static EndpointConfig endpoint(String url, String originUrl) {
    return EndpointConfig.builder("check", url).origin(originUrl).timeoutMs(8000L).retries(0).build();
  }

  private static String edgeUrl(String path) {
    return "http://127.0.0.1:" + edge + path;
  }

  private static String originUrl(String path) {
    return "http://127.0.0.1:" + origin + path;
  }

  @Test
  void aHealthyEdgeAndOriginAreUp() {
    CheckResult result = check(endpoint(edgeUrl("/ok"), originUrl("/")));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
    assertThat(result.finding()).isEmpty();
  }

  @Test
  void nginxWithADeadUpstreamAndNoOriginConfiguredBlamesTheOriginButSaysItWasNotProbed() {
    CheckResult result = check(endpoint(edgeUrl("/dead"), null));

    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(f.summary()).startsWith("The edge (nginx) could not get").contains("origin was not probed");
    assertThat(f.evidence()).anyMatch(e -> e.startsWith("answered by: nginx"));
  }

  @Test
  void nginxWithADeadUpstreamThatIsTheOriginBlamesTheOrigin() {
    CheckResult result = check(endpoint(edgeUrl("/dead"), "http://127.0.0.1:" + dead + "/"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(f.summary()).startsWith("The origin fails when asked directly too (connection refused");
    assertThat(f.evidence()).anyMatch(e -> e.startsWith("origin GET http://127.0.0.1:" + dead));
  }

  @Test
  void nginxMisroutedWhileTheOriginIsHealthyBlamesTheEdge() {
    CheckResult result = check(endpoint(edgeUrl("/dead"), originUrl("/")));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#edge-to-origin");
    assertThat(f.summary())
        .startsWith("The origin answers 200 OK directly, but the edge (nginx) answers 502 Bad Gateway");
  }

  @Test
  void nginxTimingOutOnASlowOriginGives504BlamedOnTheOrigin() {
    CheckResult result = check(endpoint(edgeUrl("/slow"), originUrl("/slow")));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_504");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/504-gateway-timeout.html#origin");
    assertThat(f.summary()).contains("while the edge gave up after").contains("read timeout");
  }

  @Test
  void anOriginThatItselfAnswers502BehindAHealthyEdgeIsBlamed() {
    CheckResult result = check(endpoint(edgeUrl("/origin-broken"), originUrl("/broken")));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.summary()).startsWith("The origin fails when asked directly too (502 Bad Gateway)");
  }

  @Test
  void varnishInFrontOfADeadBackendGivesIts503AndBlamesTheDeadOrigin() {
    CheckResult result =
        check(endpoint("http://127.0.0.1:" + varnishDeadBackend + "/", "http://127.0.0.1:" + dead + "/"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_503");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/503-service-unavailable.html#origin");
    assertThat(f.evidence()).anyMatch(e -> e.startsWith("answered by: Varnish (x-varnish: "));
    assertThat(f.evidence()).anyMatch(e -> e.startsWith("via: 1.1 varnish"));
  }

  @Test
  void varnishPointingAtTheWrongPortWhileTheOriginIsHealthyBlamesTheEdge() {
    CheckResult result = check(endpoint("http://127.0.0.1:" + varnishMisrouted + "/", originUrl("/")));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_503");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.runbook()).isEqualTo("runbooks/503-service-unavailable.html#edge-to-origin");
    assertThat(f.summary()).contains("the edge (Varnish) answers 503 Backend fetch failed");
  }

  @Test
  void haproxyInFrontOfAnOriginSpeakingGarbageGivesIts502AndBlamesTheOrigin() {
    CheckResult result = check(endpoint("http://127.0.0.1:" + haproxyToGarbage + "/",
        "http://127.0.0.1:" + garbageServer.getLocalPort() + "/"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/502-bad-gateway.html#origin-unreachable");
    assertThat(f.summary()).startsWith("The origin fails when asked directly too (not valid HTTP");
    assertThat(f.evidence()).anyMatch(e -> e.startsWith("answered by: HAProxy"));
  }

  @Test
  void originAddressReachesTheOriginWithThePublicHostName() {
    EndpointConfig config =
        EndpointConfig.builder("pinned", "http://localhost:" + pinnedPort + "/page")
            .timeoutMs(8000L)
            .retries(0)
            .originAddress("127.0.0.2")
            .build();

    CheckResult result = check(config);

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    // The origin only answers 200 to Host: localhost, so a 200 proves the Host header was kept.
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.evidence())
        .anyMatch(e -> e.startsWith("origin GET http://localhost:" + pinnedPort + "/page -> 200 OK"));
  }

  /**
   * nginx gives up after 1 s with its 504; asked directly, the 3 s origin does not answer within
   * the check's 2 s either: still the origin being slower than the edge waits, not a generic
   * origin failure.
   */
  @Test
  void anOriginThatTimesOutDirectlyTooIsSlowerThanTheEdgeWaits() {
    CheckResult result =
        check(EndpointConfig.builder("slow", edgeUrl("/slow"))
            .origin(originUrl("/slow")).timeoutMs(2000L).retries(0).build());

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_504");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.summary()).startsWith("The origin is slower than the edge waits: asked directly,"
        + " it sent no complete answer within ");
    assertThat(f.originProbed()).isTrue();
  }

  @Test
  void aCdnBlockingTheProbeIsDegradedNotDown() {
    CheckResult result = check(endpoint(edgeUrl("/waf"), null));

    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(f.code().id()).isEqualTo("PROBE_BLOCKED");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.runbook()).isEqualTo("runbooks/http-errors.html#probe-blocked");
    assertThat(f.summary()).startsWith("Probe blocked: Cloudflare answered 403 Forbidden");
  }

  @Test
  void cloudflaresOwn522IsExplainedAndBlamedOnTheOrigin() {
    CheckResult result = check(endpoint(edgeUrl("/cf522"), null));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_522");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/http-errors.html#server-error");
    assertThat(f.summary()).startsWith("Cloudflare reports 522: the connection to the origin timed out");
  }

  @Test
  void aCdnBlockingTheProbeIsDownWhenTheUserSaysSo() {
    CheckResult result =
        check(EndpointConfig.builder("waf", edgeUrl("/waf"))
            .timeoutMs(8000L).retries(0).failOnProbeBlocked(true).build());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(result.finding().orElseThrow().code().id()).isEqualTo("PROBE_BLOCKED");
  }

  @Test
  void anUncacheableAssetIsBlamedOnTheOriginThatSendsNoCachingHeaders() {
    CheckResult result =
        check(EndpointConfig.builder("asset", edgeUrl("/plain"))
            .origin(originUrl("/plain")).timeoutMs(8000L).retries(0).expectCacheable(true).build());

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("NOT_CACHEABLE");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/expectations.html#not-cacheable");
  }

  @Test
  void aCacheableAssetPasses() {
    CheckResult result =
        check(EndpointConfig.builder("asset", edgeUrl("/ok"))
            .timeoutMs(8000L).retries(0).expectCacheable(true).build());

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }
}
