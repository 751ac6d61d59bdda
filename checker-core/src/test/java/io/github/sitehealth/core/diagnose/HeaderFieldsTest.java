package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.LoopbackHttpServer;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Header fields read as RFC 9110 defines them, against a real nginx that sends each field line
 * separately: names are case-insensitive (section 5.1), repeated field lines are one
 * comma-separated value (section 5.3), and Set-Cookie lines stay separate (RFC 6265 section 3).
 */
class HeaderFieldsTest {

  private static int port;
  private static Nginx nginx;
  private static HttpProbe probe;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    port = RealServer.freePort();
    nginx = Nginx.start(String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + port + ";",
        "  location = /vary {",
        "    add_header Vary Origin always;",
        "    add_header Vary Accept-Encoding always;",
        "    return 200 \"two Vary lines\\n\";",
        "  }",
        "  location = /mixed-case { add_header X-Custom-Flag yes always; return 200 \"ok\\n\"; }",
        "  location = /cache-control-split {",
        "    add_header Cache-Control public always;",
        "    add_header Cache-Control max-age=300 always;",
        "    return 200 \"two Cache-Control lines\\n\";",
        "  }",
        "  location = /cookies {",
        "    add_header Set-Cookie \"a=1; Path=/\" always;",
        "    add_header Set-Cookie \"b=2; Path=/\" always;",
        "    return 200 \"two cookies\\n\";",
        "  }",
        "  location = /failing-behind-proxies {",
        "    add_header Via \"1.1 cdn-frontend\" always;",
        "    add_header Via \"1.1 varnish (Varnish/7.1)\" always;",
        "    add_header Cache-Control no-store always;",
        "    add_header Cache-Control max-age=0 always;",
        "    return 503 \"unavailable\\n\";",
        "  }",
        "}"),
        port);
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    if (probe != null) {
      probe.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  private static Endpoint endpoint(String path) {
    return Endpoint.named("site", "http://127.0.0.1:" + port + path).timeoutMs(8000).retries(0);
  }

  private static CheckResult check(Endpoint endpoint) {
    return new HttpCheck(probe).run(endpoint.spec());
  }

  @Test
  void aValueOnTheSecondOfTwoFieldLinesMatches() {
    CheckResult result = check(endpoint("/vary").expectHeader("Vary", "Accept-Encoding"));

    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void repeatedFieldLinesAreOneCommaSeparatedValueInTheOrderReceived() {
    assertThat(check(endpoint("/vary").expectHeader("Vary", "^Origin, Accept-Encoding$")).status())
        .isEqualTo(CheckStatus.UP);

    CheckResult wrongOrder = check(endpoint("/vary").expectHeader("Vary", "^Accept-Encoding"));
    Finding f = wrongOrder.finding().orElseThrow();
    assertThat(wrongOrder.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(f.code().id()).isEqualTo("HEADER_MISMATCH");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.summary()).isEqualTo("The site answered header Vary: \"Origin, Accept-Encoding\""
        + " (expected /^Accept-Encoding/): check the application and the configuration that"
        + " produce this answer.");
  }

  @Test
  void aHeaderNameConfiguredInAnotherCaseThanSentMatches() {
    assertThat(check(endpoint("/mixed-case").expectHeader("x-CUSTOM-flag", "^yes$")).status())
        .isEqualTo(CheckStatus.UP);
    assertThat(check(endpoint("/vary").expectHeader("VARY", "Accept-Encoding")).status())
        .isEqualTo(CheckStatus.UP);
  }

  @Test
  void aMissingHeaderIsReportedAsMissing() {
    Finding f = check(endpoint("/vary").expectHeader("X-Cache", "")).finding().orElseThrow();

    assertThat(f.code().id()).isEqualTo("HEADER_MISMATCH");
    assertThat(f.summary()).contains("header X-Cache: missing (expected //)");
  }

  @Test
  void cacheControlSplitOverTwoLinesIsReadWhole() {
    assertThat(check(endpoint("/cache-control-split")
            .expectHeader("Cache-Control", "^public, max-age=300$")).status())
        .isEqualTo(CheckStatus.UP);
  }

  @Test
  void setCookieLinesStaySeparateAndEachCanMatchWhole() {
    assertThat(check(endpoint("/cookies").expectHeader("set-cookie", "^b=2; Path=/$")).status())
        .isEqualTo(CheckStatus.UP);

    Finding f = check(endpoint("/cookies").expectHeader("Set-Cookie", "^a=1; Path=/, b=2"))
        .finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HEADER_MISMATCH");
    assertThat(f.summary())
        .contains("header Set-Cookie: 2 lines, none matches: \"a=1; Path=/\" | \"b=2; Path=/\"");
  }

  @Test
  void evidenceShowsOneLinePerHeaderWithItsCombinedValue() {
    CheckResult result = check(endpoint("/failing-behind-proxies"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_503");
    assertThat(f.evidence())
        .contains("via: 1.1 cdn-frontend, 1.1 varnish (Varnish/7.1)")
        .contains("cache-control: no-store, max-age=0")
        .filteredOn(e -> e.startsWith("via:") || e.startsWith("cache-control:"))
        .hasSize(2);
    // The Varnish on the second Via line names the edge.
    assertThat(f.evidence()).contains(
        "answered by: Varnish (via: 1.1 cdn-frontend, 1.1 varnish (Varnish/7.1))");
  }

  /**
   * A field present with an empty value is not a missing field (RFC 9110 section 5.5 allows an
   * empty field value). nginx never sends an empty header line ({@code add_header X ""} is
   * dropped), so a loopback stub sends it.
   */
  @Test
  void anEmptyValueIsPresentUnlikeAMissingHeader() throws Exception {
    try (LoopbackHttpServer stub = LoopbackHttpServer.start()) {
      Endpoint present = Endpoint.named("empty", stub.uri("/empty-header")).timeoutMs(8000).retries(0);
      assertThat(new HttpCheck(probe).run(present.expectHeader("X-Empty", "^$").spec()).status())
          .isEqualTo(CheckStatus.UP);

      Endpoint nonEmpty = Endpoint.named("empty", stub.uri("/empty-header")).timeoutMs(8000).retries(0);
      Finding f = new HttpCheck(probe).run(nonEmpty.expectHeader("X-Empty", ".").spec())
          .finding().orElseThrow();
      assertThat(f.summary()).contains("header X-Empty: \"\" (expected /./)");
    }
  }
}
