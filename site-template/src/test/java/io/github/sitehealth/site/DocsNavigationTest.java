package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbooks as docs: a sidebar of every runbook, previous and next, and search. */
class DocsNavigationTest {

  @TempDir Path dir;

  private Path out;
  private RunbookLibrary library;

  @BeforeEach
  void generate() throws IOException {
    Path team = dir.resolve("team");
    Fixtures.write(team.resolve("payments.md"), """
        ---
        title: Payments
        ---
        ## Refunds stuck {#refunds}
        Ask the ledger team about the quokka queue.
        """);
    Fixtures.write(team.resolve("search.md"), "# Would take the search page's name\n");
    out = dir.resolve("site");
    SiteResult result = new SiteGenerator(Fixtures.CLOCK).generate(SiteRequest.of(
        Fixtures.writeResults(dir, Fixtures.run(Fixtures.T0, Fixtures.up("home"))), out)
        .withTeamRunbooks(team));
    assertThat(result.warnings()).singleElement().asString().contains("search.md", "skipped");
    library = RunbookLibrary.load(Optional.of(team));
  }

  @Test
  void everyRunbookPageHasASidebarOfEveryRunbookWithItselfMarked() throws IOException {
    List<String> pages = library.runbooks().stream().map(Runbook::pageName).toList();
    assertThat(pages).hasSize(RunbookLibrary.DEFAULT_FILES.size() + 1).endsWith("payments.html");
    for (String page : pages) {
      Document doc = Fixtures.parse(out.resolve("runbooks").resolve(page));
      List<String> links = doc.select("nav.docs-nav li:not(.search-link) a").eachAttr("href");
      assertThat(links).as(page).containsExactlyElementsOf(pages);
      assertThat(doc.select("nav.docs-nav a[aria-current=page]").eachAttr("href")).as(page).containsExactly(page);
      assertThat(doc.select("nav.docs-nav a[href=search.html]")).as(page).hasSize(1);
    }
    assertThat(Fixtures.parse(out.resolve("runbooks/payments.html")).select("nav.docs-nav li").last().text())
        .isEqualTo("Payments (team)");
  }

  @Test
  void previousAndNextFollowTheLibrarysOrder() throws IOException {
    List<String> pages = library.runbooks().stream().map(Runbook::pageName).toList();
    List<String> walked = new ArrayList<>();
    String page = pages.get(0);
    while (page != null) {
      walked.add(page);
      Document doc = Fixtures.parse(out.resolve("runbooks").resolve(page));
      Element next = doc.selectFirst("nav.pager a[rel=next]");
      Element prev = doc.selectFirst("nav.pager a[rel=prev]");
      int at = walked.size() - 1;
      if (at == 0) {
        assertThat(prev).as(page).isNull();
      } else {
        assertThat(prev.attr("href")).as(page).isEqualTo(walked.get(at - 1));
      }
      page = next == null ? null : next.attr("href");
    }
    assertThat(walked).containsExactlyElementsOf(pages);
    assertThat(Fixtures.parse(out.resolve("runbooks/502-bad-gateway.html")).selectFirst("a[rel=next]").text())
        .isEqualTo("Next: 503 Service Unavailable \u2192");
  }

  @Test
  void theSearchIndexHoldsEverySectionOfEveryRunbook() throws IOException {
    List<SearchPage.Entry> entries = SearchPage.entries(library.runbooks());
    for (Runbook r : library.runbooks()) {
      for (Runbook.Section s : r.sections()) {
        assertThat(entries).as(r.pageName() + "#" + s.id())
            .anySatisfy(e -> assertThat(e.href()).isEqualTo(r.pageName() + "#" + s.id()));
      }
    }
    Document search = Fixtures.parse(out.resolve("runbooks/search.html"));
    assertThat(search.select("#sh-search-results > li > a").eachAttr("href"))
        .containsExactlyElementsOf(entries.stream().map(SearchPage.Entry::href).toList());
    assertThat(search.select("#sh-search-results > li").first().attr("data-text")).isNotBlank();
    SafeHtml.assertSafe(search, "search.html");
  }

  @Test
  void eachSearchItemHoldsItsTitleAndTextAsTextMarkupAndQuotesIncluded(@TempDir Path other)
      throws IOException {
    Path team = other.resolve("team");
    Fixtures.write(team.resolve("quotes.md"), """
        ---
        title: "Tom's <b>bold</b> & \\"quoted\\" page"
        ---
        ## It's `<script>alert(1)</script>` & "this" {#odd}
        Run `echo '<img src=x onerror=alert(1)>' && echo "done"` and read the "answer".
        """);
    Path site = other.resolve("site");
    new SiteGenerator(Fixtures.CLOCK).generate(SiteRequest.of(
        Fixtures.writeResults(other, Fixtures.run(Fixtures.T0, Fixtures.up("home"))), site)
        .withTeamRunbooks(team));
    List<SearchPage.Entry> entries =
        SearchPage.entries(RunbookLibrary.load(Optional.of(team)).runbooks());
    SearchPage.Entry odd = entries.stream()
        .filter(e -> e.href().equals("quotes.html#odd")).findFirst().orElseThrow();

    Document search = Fixtures.parse(site.resolve("runbooks/search.html"));
    Element item = search.selectFirst("#sh-search-results > li:has(a[href=quotes.html#odd])");
    assertThat(item.attr("data-text")).isEqualTo(odd.title() + " " + odd.text());
    assertThat(item.selectFirst("a").text()).isEqualTo(odd.title());
    assertThat(item.selectFirst("p.snippet").text()).isEqualTo(odd.text());
    assertThat(odd.title())
        .contains("Tom's <b>bold</b> & \"quoted\"", "It's <script>alert(1)</script> & \"this\"");
    assertThat(odd.text()).contains("'<img src=x onerror=alert(1)>'", "\"answer\"");
    assertThat(search.select("#sh-search-results script, #sh-search-results img, #sh-search-results b"))
        .isEmpty();
    SafeHtml.assertSafe(search, "search.html");
  }

  @Test
  void theSearchPageListsWhatEachPageReadsAsTheSearchWouldFromTheLibrary() throws IOException {
    List<Runbook> all = library.runbooks();
    RunbookPage pages = new RunbookPage(new PageTemplate(), all);
    List<SearchPage.Entry> read = new ArrayList<>();
    for (Runbook runbook : all) {
      RunbookPage.Written written = pages.write(runbook, Fixtures.T0);
      assertThat(written.page()).isEqualTo(pages.render(runbook, Fixtures.T0));
      read.addAll(written.entries());
    }
    assertThat(read).isEqualTo(SearchPage.entries(all)).hasSizeGreaterThan(all.size());

    String generated = java.nio.file.Files.readString(out.resolve("runbooks/search.html"));
    assertThat(generated)
        .isEqualTo(new SearchPage(new PageTemplate()).render(all, Fixtures.CLOCK.instant()))
        .contains("payments.html#refunds");
  }

  @Test
  void aTeamPageFromTheContentKeptAtRenderingIsThePageFromItsHtml() {
    List<Runbook> all = library.runbooks();
    Runbook payments = all.stream().filter(r -> r.pageName().equals("payments.html")).findFirst()
        .orElseThrow();
    assertThat(library.content(payments)).isPresent();
    RunbookPage kept = new RunbookPage(new PageTemplate(), all, library::content);
    RunbookPage parsed = new RunbookPage(new PageTemplate(), all);
    for (Runbook runbook : all) {
      assertThat(kept.write(runbook, Fixtures.T0)).as(runbook.pageName())
          .isEqualTo(parsed.write(runbook, Fixtures.T0));
    }
    assertThat(kept.render(payments, Fixtures.T0))
        .contains("<h2 id=\"refunds\">Refunds stuck<a class=\"anchor\" href=\"#refunds\"");
  }

  @Test
  void aWordFindsTheSectionItIsIn() {
    List<SearchPage.Entry> entries = SearchPage.entries(library.runbooks());
    assertThat(SearchPage.find(entries, "quokka")).extracting(SearchPage.Entry::href)
        .containsExactly("payments.html#refunds");
    assertThat(SearchPage.find(entries, "NXDOMAIN whois")).extracting(SearchPage.Entry::href)
        .contains("dns.html#nxdomain");
    assertThat(SearchPage.find(entries, "upstream sent too big header")).extracting(SearchPage.Entry::href)
        .contains("502-bad-gateway.html#log-lines");
    assertThat(SearchPage.find(entries, "zzzz-nothing")).isEmpty();
  }

  @Test
  void theSearchPagesScriptIsAllowedByItsHashAndNothingElse() throws IOException {
    Document search = Fixtures.parse(out.resolve("runbooks/search.html"));
    String policy = search.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
    assertThat(policy).isEqualTo(PageTemplate.CONTENT_SECURITY_POLICY + "; script-src '"
        + PageTemplate.scriptHash(PageTemplate.SEARCH_SCRIPT) + "'");
    assertThat(search.select("script")).singleElement()
        .satisfies(s -> assertThat(s.data()).isEqualTo(PageTemplate.SEARCH_SCRIPT));
    // it reads nothing from the network: no fetch, no request, no import
    assertThat(PageTemplate.SEARCH_SCRIPT).doesNotContain("fetch", "XMLHttpRequest", "import", "eval", "innerHTML");
    // the runbook pages themselves run no script
    Document dns = Fixtures.parse(out.resolve("runbooks/dns.html"));
    assertThat(dns.select("script")).isEmpty();
    assertThat(dns.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .isEqualTo(PageTemplate.CONTENT_SECURITY_POLICY);
  }
}
