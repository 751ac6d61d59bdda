package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.HostileServer;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the HTTP rule table against real servers, each with and without an {@code
 * <origin>}: a configured origin may refine which hop is blamed (that is what it is for), but a
 * row that does not need the origin's answer gives the same status and code either way, and a
 * summary never tells of an edge or an upstream that nothing showed.
 */
class RuleTableOriginTest {

  private static int edge;
  private static int origin;
  private static int dead;
  private static Nginx nginx;
  private static HostileServer silent;
  private static HostileServer resetting;
  private static HttpProbe probe;

  @BeforeAll
  static void startServers() throws Exception {
    Nginx.require();
    edge = RealServer.freePort();
    origin = RealServer.freePort();
    dead = RealServer.freePort();
    String o = "http://127.0.0.1:" + origin;
    String d = "http://127.0.0.1:" + dead;
    nginx =
        Nginx.start(
            String.join(
                "\n",
                "server {",
                "  listen 127.0.0.1:" + origin + ";",
                "  location = / { return 200 \"origin ok\\n\"; }",
                "  location = /forbidden { return 403; }",
                "  location = /slow { echo_sleep 3; echo \"slow\"; }",
                "  location = /broken { proxy_pass " + d + "/; }",
                "}",
                "server {",
                "  listen 127.0.0.1:" + edge + ";",
                "  location = /waf { add_header cf-ray \"8a1b2c3d4e5f6a7b-AMS\" always; return 403; }",
                "  location = /rate { add_header cf-ray \"8a1b2c3d4e5f6a7d-AMS\" always;"
                    + " add_header Server cloudflare always; return 429; }",
                "  location = /cf522 { add_header cf-ray \"8a1b2c3d4e5f6a7c-FRA\" always; return 522; }",
                "  location = /dead { proxy_pass " + d + "/; }",
                "  location = /slow { proxy_read_timeout 1s; proxy_pass " + o + "/slow; }",
                "  location = /missing { proxy_pass " + o + "/missing; }",
                "  location = /unavailable { return 503; }",
                // The probe refuses the redirect target before it connects anywhere.
                "  location = /to-metadata { return 302 http://169.254.169.254/latest/meta-data/; }",
                "}"),
            origin,
            edge);
    silent = HostileServer.start();
    resetting = HostileServer.startResettingOnAccept();
    probe = new HttpProbe(16, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (probe != null) {
      probe.close();
    }
    if (silent != null) {
      silent.close();
    }
    if (resetting != null) {
      resetting.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  /**
   * What a check must give.
   *
   * @param status the check's status
   * @param code the finding code
   * @param hop the hop blamed
   * @param summary how the summary starts
   */
  record Expected(CheckStatus status, String code, Hop hop, String summary) {}

  static Expected down(String code, Hop hop, String summary) {
    return new Expected(CheckStatus.DOWN, code, hop, summary);
  }

  /**
   * One scenario: the public URL, the origin URL when configured, and the verdicts without and
   * with it.
   */
  static Arguments row(String row, String path, String originPath, Expected without, Expected with) {
    return Arguments.of(row, path, originPath, without, with);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("2 a redirect to the cloud metadata address", "/to-metadata", "/",
            down("TARGET_FORBIDDEN", Hop.NETWORK, "Refused to connect: "),
            down("TARGET_FORBIDDEN", Hop.NETWORK, "Refused to connect: ")),
        row("3 nothing accepts the connection", "dead:/", "/",
            down("CONNECT_REFUSED", Hop.NETWORK, "Nothing accepts connections on 127.0.0.1:"),
            down("CONNECT_REFUSED", Hop.NETWORK, "Nothing accepts connections on 127.0.0.1:")),
        row("5 the connection breaks", "reset:/", "/",
            down("CONNECTION_RESET", Hop.NETWORK, "The connection to 127.0.0.1:"),
            down("CONNECTION_RESET", Hop.NETWORK, "The connection to 127.0.0.1:")),
        row("6 the TLS handshake fails (TLS to a plain HTTP port)", "tls:/", "/",
            down("TLS_INVALID", Hop.TLS, "The TLS handshake with 127.0.0.1 failed"),
            down("TLS_INVALID", Hop.TLS, "The TLS handshake with 127.0.0.1 failed")),
        row("7 a CDN blocks the probe (403), the origin answers", "/waf", "/",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden to the probe"),
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden to the probe, as its bot or WAF"
                    + " rules do, while the origin answers 200 OK directly")),
        row("7 a CDN rate-limits the probe (429), the origin answers", "/rate", "/",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 429"),
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 429")),
        row("7 then 8: the CDN passes on the origin's own 403", "/waf", "/forbidden",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden"),
            down("HTTP_403", Hop.ORIGIN, "The origin fails when asked directly too (403 Forbidden")),
        // The CDN's own refusal stays PROBE_BLOCKED whatever else is wrong at the origin: only the
        // origin's same answer makes it the origin's refusal.
        row("7 a CDN blocks the probe, the origin is down", "/waf", "dead:/",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden"),
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden to the probe, as its bot or WAF"
                    + " rules do: allow the probe (user agent site-health) or send a token in"
                    + " <headers>; the origin, asked directly, fails too (connection refused")),
        row("7 a CDN rate-limits the probe, the origin answers 502", "/rate", "/broken",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 429"),
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 429")),
        row("7 a CDN blocks the probe, the origin answers 404", "/waf", "/missing",
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden"),
            new Expected(CheckStatus.DEGRADED, "PROBE_BLOCKED", Hop.EDGE,
                "Probe blocked: Cloudflare answered 403 Forbidden")),
        row("8 the origin fails directly too / 12 gateway failure", "/dead", "/broken",
            down("HTTP_502", Hop.ORIGIN,
                "The edge (nginx) could not get a good answer from its upstream (502 Bad Gateway)"),
            down("HTTP_502", Hop.ORIGIN,
                "The origin fails when asked directly too (502 Bad Gateway")),
        row("9 the edge timed out on a slower origin / 12", "/slow", "/slow",
            down("HTTP_504", Hop.ORIGIN,
                "The edge (nginx) could not get a good answer from its upstream (504 Gateway Time-out)"),
            down("HTTP_504", Hop.ORIGIN, "The origin answers, but took ")),
        row("10 the origin is healthy directly / 12", "/dead", "/",
            down("HTTP_502", Hop.ORIGIN,
                "The edge (nginx) could not get a good answer from its upstream"),
            down("HTTP_502", Hop.EDGE, "The origin answers 200 OK directly, but the edge (nginx)"
                + " answers 502 Bad Gateway")),
        row("11 Cloudflare's 522 / 10 the origin is healthy", "/cf522", "/",
            down("HTTP_522", Hop.ORIGIN, "Cloudflare reports 522: the connection to the origin timed out"),
            down("HTTP_522", Hop.EDGE, "The origin answers 200 OK directly, but the edge (Cloudflare)")),
        row("13 a lone server's 503, nothing in front of it / 10", "/unavailable", "/",
            down("HTTP_503", Hop.ORIGIN, "The server at 127.0.0.1:"),
            down("HTTP_503", Hop.EDGE, "The origin answers 200 OK directly, but the edge (nginx)")),
        row("13 a lone server that never answers / 10", "silent:/silent", "/",
            down("READ_TIMEOUT", Hop.ORIGIN, "The server at 127.0.0.1:"),
            down("READ_TIMEOUT", Hop.EDGE, "The origin answers 200 OK directly, but the edge")),
        row("14 any other unexpected answer / 8", "/missing", "/missing",
            down("HTTP_404", Hop.ORIGIN, "The site answered 404 Not Found"),
            down("HTTP_404", Hop.ORIGIN, "The origin fails when asked directly too (404 Not Found")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRowWithAndWithoutAnOrigin(
      String row, String path, String originPath, Expected without, Expected with) {
    CheckResult alone = check(url(path), null);
    CheckResult withOrigin =
        check(url(path), originPath.startsWith("dead:")
            ? url(originPath)
            : "http://127.0.0.1:" + origin + originPath);

    assertVerdict(alone, without, false);
    // Failures before any HTTP answer are about the path to the public URL: the origin's health
    // cannot change them, so it is not asked.
    boolean probed = !List.of(Hop.DNS, Hop.NETWORK, Hop.TLS).contains(without.hop());
    assertVerdict(withOrigin, with, probed);
  }

  private static void assertVerdict(CheckResult result, Expected expected, boolean originProbed) {
    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).as(f.summary()).isEqualTo(expected.status());
    assertThat(f.code().id()).as(f.summary()).isEqualTo(expected.code());
    assertThat(f.hop()).as(f.summary()).isEqualTo(expected.hop());
    assertThat(f.summary()).startsWith(expected.summary());
    assertThat(f.originProbed()).as(f.summary()).isEqualTo(originProbed);
    if (!originProbed) {
      // Nothing was asked behind the server that answered: no word about its upstream unless
      // the answer itself showed a gateway.
      boolean gatewaySeen = expected.code().equals("HTTP_502") || expected.code().equals("HTTP_504")
          || expected.code().equals("HTTP_522") || expected.code().equals("PROBE_BLOCKED");
      if (!gatewaySeen) {
        assertThat(f.summary()).doesNotContain("upstream").doesNotContain("edge");
      }
    }
  }

  private static String url(String path) {
    if (path.startsWith("dead:")) {
      return "http://127.0.0.1:" + dead + path.substring(5);
    }
    if (path.startsWith("reset:")) {
      return resetting.uri(path.substring(6)).toString();
    }
    if (path.startsWith("tls:")) {
      return "https://127.0.0.1:" + edge + path.substring(4);
    }
    if (path.startsWith("silent:")) {
      return silent.uri(path.substring(7)).toString();
    }
    return "http://127.0.0.1:" + edge + path;
  }

  private static CheckResult check(String url, String originUrl) {
    EndpointConfig config =
        EndpointConfig.builder("check", url).origin(originUrl).timeoutMs(8000L).retries(0).build();
    if (url.contains(":" + silent.port() + "/")) {
      config = EndpointConfig.builder("check", url).origin(originUrl).timeoutMs(1000L).retries(0).build();
    }
    return new HttpCheck(probe)
        .run(SpecParser.parse(new RunConfig(List.of(config), null, null)).endpoints().get(0));
  }
}
