package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.result.Hop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {

  @TempDir Path team;

  @Test
  void theDefaultListNamesEveryBundledPage() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/io/github/sitehealth/site/runbooks"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(RunbookLibrary.DEFAULT_FILES);
    }
  }

  @Test
  void defaultsCarryTheirFrontMatter() {
    RunbookLibrary library = RunbookLibrary.defaults();
    assertThat(library.warnings()).isEmpty();
    assertThat(library.runbooks()).hasSize(RunbookLibrary.DEFAULT_FILES.size())
        .allSatisfy(r -> {
          assertThat(r.source()).isEqualTo(Runbook.Source.DEFAULT);
          assertThat(r.title()).isNotBlank();
          assertThat(r.summary()).isNotBlank();
          assertThat(r.codes()).isNotEmpty();
        });
    Runbook bad = library.page("502-bad-gateway.html").orElseThrow();
    assertThat(bad.title()).isEqualTo("502 Bad Gateway");
    assertThat(bad.codes()).containsExactly("HTTP_502");
    assertThat(library.page("504-gateway-timeout.html").orElseThrow().codes())
        .containsExactly("HTTP_504", "READ_TIMEOUT");
  }

  @Test
  void theCodeMapAgreesWithCheckerCore() {
    Map<String, String> codes = RunbookLibrary.defaults().codes();
    Runbooks.fixedLinks().forEach((code, link) ->
        assertThat(codes).as(code).containsEntry(code, link.substring(0, link.indexOf('#'))));
    assertThat(codes).containsEntry("HTTP_502", "502-bad-gateway.html")
        .containsEntry("HTTP_503", "503-service-unavailable.html")
        .containsEntry("HTTP_504", "504-gateway-timeout.html")
        .containsEntry("READ_TIMEOUT", "504-gateway-timeout.html")
        .containsEntry("HTTP_4xx", "http-errors.html")
        .containsEntry("HTTP_5xx", "http-errors.html");
  }

  @Test
  void withoutTeamPagesLinksAreCheckerCoresLinks() {
    RunbookLibrary library = RunbookLibrary.defaults();
    for (CoreLinks.CoreLink link : CoreLinks.all()) {
      assertThat(library.link(link.code(), link.hop().orElse(Hop.NETWORK))).isEqualTo(link.link());
    }
    assertThat(library.sectionOf("runbooks/502-bad-gateway.html#origin-unreachable").orElseThrow().title())
        .isEqualTo("The origin is failing");
  }

  @Test
  void anAbsentOrMissingTeamDirectoryIsFine() throws IOException {
    assertThat(RunbookLibrary.load(Optional.of(team.resolve("nope"))).warnings()).isEmpty();
    assertThat(RunbookLibrary.load(Optional.empty()).runbooks()).hasSize(RunbookLibrary.DEFAULT_FILES.size());
  }

  @Test
  void aTeamFileWithTheSameNameReplacesTheDefault() throws IOException {
    Fixtures.write(team.resolve("502-bad-gateway.md"), """
        ---
        title: Our 502 runbook
        codes: [HTTP_502]
        ---
        ## Call the platform team {#origin-unreachable}
        ## Check the load balancer {#edge-to-origin}
        """);
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    Runbook page = library.page("502-bad-gateway.html").orElseThrow();
    assertThat(page.source()).isEqualTo(Runbook.Source.TEAM);
    assertThat(page.title()).isEqualTo("Our 502 runbook");
    assertThat(library.runbooks()).hasSize(RunbookLibrary.DEFAULT_FILES.size());
    assertThat(library.link("HTTP_502", Hop.EDGE)).isEqualTo("runbooks/502-bad-gateway.html#edge-to-origin");
    assertThat(library.warnings()).isEmpty();
  }

  @Test
  void aReplacementWithoutTheLinkedSectionsIsReported() throws IOException {
    Fixtures.write(team.resolve("504-gateway-timeout.md"), "# Timeouts\n\nAsk in #ops.\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.warnings()).hasSize(2);
    assertThat(library.warnings().get(0))
        .contains("504-gateway-timeout.md", "#origin", "HTTP_504 (origin), READ_TIMEOUT (origin)", "{#origin}");
    assertThat(library.page("504-gateway-timeout.html").orElseThrow().title()).isEqualTo("Timeouts");
  }

  @Test
  void teamCodesTakePrecedence() throws IOException {
    Fixtures.write(team.resolve("payments-api.md"), """
        ---
        title: Payments API
        codes: [HTTP_503, DNS_NXDOMAIN]
        ---
        Page the payments on-call.
        """);
    Fixtures.write(team.resolve("all-server-errors.md"), "---\ncodes: [HTTP_5xx]\n---\n# Server errors\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.codes()).containsEntry("HTTP_503", "payments-api.html")
        .containsEntry("DNS_NXDOMAIN", "payments-api.html")
        .containsEntry("HTTP_502", "502-bad-gateway.html")
        .containsEntry("HTTP_5xx", "all-server-errors.html");
    assertThat(library.link("HTTP_503", Hop.ORIGIN)).isEqualTo("runbooks/payments-api.html");
    assertThat(library.link("DNS_NXDOMAIN", Hop.DNS)).isEqualTo("runbooks/payments-api.html");
    assertThat(library.link("HTTP_500", Hop.ORIGIN)).isEqualTo("runbooks/all-server-errors.html");
    assertThat(library.link("HTTP_404", Hop.ORIGIN)).isEqualTo("runbooks/http-errors.html#client-error");
    assertThat(library.link("DNS_SERVFAIL", Hop.DNS)).isEqualTo("runbooks/dns.html#servfail");
    assertThat(library.runbooks()).extracting(Runbook::fileName).endsWith("all-server-errors.md", "payments-api.md");
    assertThat(library.page("all-server-errors.html").orElseThrow().title()).isEqualTo("Server errors");
  }

  @Test
  void aTeamPageKeepsTheFindingsSectionWhenItHasOne() throws IOException {
    Fixtures.write(team.resolve("shop.md"), """
        ---
        codes: [HTTP_502]
        ---
        ## The shop is down {#origin-unreachable}
        Restart it.
        """);
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.link("HTTP_502", Hop.ORIGIN)).isEqualTo("runbooks/shop.html#origin-unreachable");
    assertThat(library.link("HTTP_502", Hop.EDGE)).isEqualTo("runbooks/shop.html");
  }

  @Test
  void twoTeamPagesClaimingOneCodeAreReported() throws IOException {
    Fixtures.write(team.resolve("a.md"), "---\ncodes: [HTTP_502]\n---\n");
    Fixtures.write(team.resolve("b.md"), "---\ncodes: [HTTP_502]\n---\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.link("HTTP_502", Hop.ORIGIN)).isEqualTo("runbooks/a.html");
    assertThat(library.warnings()).singleElement().asString().contains("a.html", "b.html", "HTTP_502");
  }

  @Test
  void unsafeFileNamesAndOtherFilesAreSkipped() throws IOException {
    Fixtures.write(team.resolve(".hidden.md"), "# hidden\n");
    Fixtures.write(team.resolve("has space.md"), "# space\n");
    Fixtures.write(team.resolve("notes.txt"), "not markdown\n");
    Files.createDirectories(team.resolve("sub.md"));
    Files.write(team.resolve("latin1.md"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.runbooks()).hasSize(RunbookLibrary.DEFAULT_FILES.size());
    assertThat(library.warnings()).hasSize(3)
        .anySatisfy(w -> assertThat(w).contains(".hidden.md", "skipped"))
        .anySatisfy(w -> assertThat(w).contains("has space.md", "skipped"))
        .anySatisfy(w -> assertThat(w).contains("latin1.md", "not UTF-8"));
  }

  @Test
  void aTeamPathThatIsAFileIsReported() throws IOException {
    Path file = Fixtures.write(team.resolve("runbooks"), "oops");
    assertThat(RunbookLibrary.load(Optional.of(file)).warnings()).singleElement().asString()
        .contains("is not a directory");
  }

  @Test
  void titleFallsBackToTheFirstHeadingThenTheFileName() throws IOException {
    Fixtures.write(team.resolve("with-heading.md"), "Intro\n\n# The heading\n");
    Fixtures.write(team.resolve("bare.md"), "Only text.\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));
    assertThat(library.page("with-heading.html").orElseThrow().title()).isEqualTo("The heading");
    assertThat(library.page("bare.html").orElseThrow().title()).isEqualTo("bare");
  }

  @Test
  void anUnknownCodeInCodesIsReportedAndClaimsNothing() throws IOException {
    Fixtures.write(team.resolve("typo.md"), "---\ncodes: [HTTP_5O2, HTTP_5xx, NOT_CACHABLE]\n---\n");
    RunbookLibrary library = RunbookLibrary.load(Optional.of(team));

    assertThat(library.warnings()).hasSize(2);
    assertThat(library.warnings().get(0))
        .contains("typo.html", "\"HTTP_5O2\"", "no finding code", "(did you mean HTTP_502?)");
    assertThat(library.warnings().get(1))
        .contains("\"NOT_CACHABLE\"", "(did you mean NOT_CACHEABLE?)");
    assertThat(library.codes()).doesNotContainKeys("HTTP_5O2", "NOT_CACHABLE");
    // The status class is a valid claim.
    assertThat(library.link("HTTP_503", Hop.ORIGIN)).startsWith("runbooks/typo.html");
  }

  /** A code is echoed as every configured value is: quoted, its control characters escaped. */
  @Test
  void anUnknownCodeWithAControlCharacterIsShownEscaped() throws IOException {
    Fixtures.write(team.resolve("bell.md"), "---\ncodes: [HTTP_502\u0007]\n---\n");

    assertThat(RunbookLibrary.load(Optional.of(team)).warnings()).singleElement().asString()
        .contains("lists \"HTTP_502\\u0007\" in codes").doesNotContain("\u0007");
  }

  @Test
  void unclosedFrontMatterIsAnErrorNamingTheFileAndTheLine() throws IOException {
    Fixtures.write(team.resolve("unclosed.md"),
        "---\ntitle: \"Unclosed\ncodes: [HTTP_502]\n\n# Shop backend\n\nRestart the shop.\n");

    assertThatThrownBy(() -> RunbookLibrary.load(Optional.of(team)))
        .isInstanceOf(IOException.class)
        .hasMessage("team runbook unclosed.md: line 1: the front matter opened by --- is never"
            + " closed by a --- line (add one after the last front matter line)");
  }

  @Test
  void aCodeFarFromEveryKnownOneGetsNoGuess() {
    assertThat(RunbookLibrary.closestCode("SHOP_DOWN")).isEmpty();
    assertThat(RunbookLibrary.closestCode("DNS_NXDOMIAN")).contains("DNS_NXDOMAIN");
    assertThat(RunbookLibrary.closestCode("http_5xx")).contains("HTTP_5xx");
  }
}
