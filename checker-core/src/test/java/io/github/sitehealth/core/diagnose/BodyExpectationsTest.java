package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.http.ProbeRequest;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code <expectBody>} and {@code <rejectBody>} against a real nginx: a 200 maintenance page
 * gzip-compressed by nginx, a Latin-1 page declared {@code charset=iso-8859-1} (RFC 9110
 * section 8.3), a body longer than the probe's cap, and an edge in front of an origin.
 */
class BodyExpectationsTest {

  private static final String MAINTENANCE =
      "<html><head><title>Shop</title></head><body><h1>Down for maintenance</h1>"
          + "<p>We are back at 14:00 UTC.</p></body></html>\n";
  private static final String LATIN1 = "<html><body><p>Bienvenue à la crème brûlée</p></body></html>\n";
  /** Longer than the small probe's cap; the marker after the cap is never read. */
  private static final String LONG = "<p>" + "x".repeat(100_000) + "</p><p>FOOTER-MARKER</p>\n";
  private static final int SMALL_CAP = 64 * 1024;

  private static int edge;
  private static int origin;
  private static Nginx nginx;
  private static HttpProbe probe;
  private static HttpProbe smallCapProbe;
  private static Path root;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    root = Files.createTempDirectory("site-health-bodies-");
    Files.writeString(root.resolve("maintenance.html"), MAINTENANCE);
    Files.writeString(root.resolve("welcome.html"), "<html><body><h1>Welcome to the shop</h1></body></html>\n");
    Files.write(root.resolve("latin1.html"), LATIN1.getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(root.resolve("long.html"), LONG);
    root.toFile().setReadable(true, false);
    edge = RealServer.freePort();
    origin = RealServer.freePort();
    String o = "http://127.0.0.1:" + origin;
    nginx = Nginx.start(String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + origin + ";",
        "  root " + root + ";",
        "  default_type text/html;",
        "  gzip on; gzip_types text/html; gzip_min_length 1;",
        "  location = /maintenance { try_files /maintenance.html =404; }",
        "  location = /welcome { try_files /welcome.html =404; }",
        "}",
        "server {",
        "  listen 127.0.0.1:" + edge + ";",
        "  root " + root + ";",
        "  default_type text/html;",
        "  gzip on; gzip_types text/html; gzip_min_length 1; gzip_proxied any;",
        // the edge's own maintenance page, served with 200 whatever the origin says
        "  location = /maintenance { try_files /maintenance.html =404; }",
        "  location = /inline { return 200 \"down for maintenance\"; }",
        "  location = /latin1 { charset iso-8859-1; try_files /latin1.html =404; }",
        "  location = /long { gzip off; try_files /long.html =404; }",
        "  location = /welcome { proxy_pass " + o + "/welcome; }",
        "  location = /origin-maintenance { proxy_pass " + o + "/maintenance; }",
        "}"),
        edge, origin);
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
    smallCapProbe = new HttpProbe(8, 8, SMALL_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {probe, smallCapProbe, nginx}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static String edgeUrl(String path) {
    return "http://127.0.0.1:" + edge + path;
  }

  private static EndpointConfig.Builder endpoint(String path) {
    return EndpointConfig.builder("shop", edgeUrl(path)).timeoutMs(8000L).retries(0);
  }

  private static CheckResult check(HttpProbe with, EndpointConfig.Builder config) {
    EndpointSpec spec =
        SpecParser.parse(new RunConfig(List.of(config.build()), null, null)).endpoints().get(0);
    return new HttpCheck(with).run(spec);
  }

  private static CheckResult check(EndpointConfig.Builder config) {
    return check(probe, config);
  }

  @Test
  void nginxCompressesTheMaintenancePageBecauseTheProbeAcceptsGzip() {
    ProbeOutcome outcome = probe.fetch(new ProbeRequest(URI.create(edgeUrl("/maintenance")), Map.of(), Duration.ofSeconds(8), Optional.empty(), true));

    HttpSnapshot response = outcome.response().orElseThrow();
    assertThat(response.field("Content-Encoding")).contains("gzip");
    assertThat(response.body()).isNotEqualTo(MAINTENANCE.getBytes(StandardCharsets.UTF_8));
    assertThat(response.bodyText()).isEqualTo(MAINTENANCE);
  }

  @Test
  void aGzippedMaintenancePageWithStatus200IsBodyRejected() {
    CheckResult result = check(endpoint("/maintenance").rejectBody("(?i)down for maintenance"));

    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(f.code().id()).isEqualTo("BODY_REJECTED");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/expectations.html#body-rejected");
    assertThat(f.summary()).isEqualTo("The site answered body contains /(?i)down for maintenance/"
        + " at character 48: \"<html><head><title>Shop</title></head><body><h1>Down for"
        + " maintenance</h1><p>We are back at 14:00 UTC.</p></body></html>\\n\": check the"
        + " application and the configuration that produce this answer.");
    assertThat(f.evidence().get(0)).startsWith("GET " + edgeUrl("/maintenance") + " -> body contains");
  }

  @Test
  void aMaintenancePageLacksTheExpectedTextAndTheFindingQuotesItsStart() {
    CheckResult result = check(endpoint("/inline").expectBody("Welcome to the shop"));

    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(f.code().id()).isEqualTo("BODY_MISMATCH");
    assertThat(f.runbook()).isEqualTo("runbooks/expectations.html#body-mismatch");
    assertThat(f.summary()).contains("/Welcome to the shop/ not found in the body (20 characters);"
        + " it begins \"down for maintenance\"");
  }

  @Test
  void theExpectedTextInAGzippedPagePasses() {
    assertThat(check(endpoint("/welcome").expectBody("<h1>Welcome to the shop</h1>")
            .rejectBody("(?i)maintenance")).status())
        .isEqualTo(CheckStatus.UP);
  }

  @Test
  void aLatin1PageIsDecodedWithItsDeclaredCharset() {
    ProbeOutcome outcome = probe.fetch(new ProbeRequest(URI.create(edgeUrl("/latin1")), Map.of(), Duration.ofSeconds(8), Optional.empty(), true));
    assertThat(outcome.response().orElseThrow().field("Content-Type"))
        .contains("text/html; charset=iso-8859-1");

    assertThat(check(endpoint("/latin1").expectBody("crème brûlée")).status())
        .isEqualTo(CheckStatus.UP);
    Finding f = check(endpoint("/latin1").rejectBody("brûlée")).finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("BODY_REJECTED");
    assertThat(f.summary()).contains("Bienvenue à la crème brûlée");
  }

  @Test
  void aBodyCutAtTheCapIsMatchedAsFarAsItGoesAndTheFindingSaysSo() {
    Finding f = check(smallCapProbe, endpoint("/long").expectBody("FOOTER-MARKER"))
        .finding().orElseThrow();

    assertThat(f.code().id()).isEqualTo("BODY_MISMATCH");
    assertThat(f.summary()).contains("/FOOTER-MARKER/ not found in the first " + SMALL_CAP
        + " characters read (the body was cut there: the text may come later)");
    // The excerpt is short, never the body.
    assertThat(f.summary().length()).isLessThan(600);

    assertThat(check(smallCapProbe, endpoint("/long").rejectBody("x{1000}")).finding()
        .orElseThrow().code().id()).isEqualTo("BODY_REJECTED");
  }

  @Test
  void anEdgeServingMaintenanceWhileTheOriginServesThePageIsBlamed() {
    // The edge answers its own maintenance page; the origin, asked directly, has the real one.
    CheckResult result = check(endpoint("/maintenance")
        .origin("http://127.0.0.1:" + origin + "/welcome")
        .expectBody("Welcome to the shop"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("BODY_MISMATCH");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.summary()).startsWith("The origin answers 200 OK directly, but the edge (nginx)"
        + " answers /Welcome to the shop/ not found");
  }

  @Test
  void anOriginServingTheMaintenancePageItselfIsBlamed() {
    CheckResult result = check(endpoint("/origin-maintenance")
        .origin("http://127.0.0.1:" + origin + "/maintenance")
        .rejectBody("(?i)down for maintenance"));

    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("BODY_REJECTED");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.summary()).startsWith("The origin fails when asked directly too (body contains");
  }
}
