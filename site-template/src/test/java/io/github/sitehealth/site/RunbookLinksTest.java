package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.result.Hop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Every link checker-core can put into a finding opens a rendered page at an existing section. */
class RunbookLinksTest {

  @TempDir static Path out;

  record Case(String code, Hop hop) {
    @Override
    public String toString() {
      return code + " (" + hop.id() + ")";
    }
  }

  static List<Case> findings() {
    List<Case> cases = new ArrayList<>();
    for (String code : Runbooks.fixedLinks().keySet()) {
      cases.add(new Case(code, Hop.NETWORK));
    }
    for (String code : List.of("HTTP_502", "HTTP_503", "HTTP_504", "READ_TIMEOUT", "HTTP_404", "HTTP_500")) {
      cases.add(new Case(code, Hop.ORIGIN));
      cases.add(new Case(code, Hop.EDGE));
    }
    return cases;
  }

  @BeforeAll
  static void generate() throws IOException {
    Path results = Fixtures.writeResults(out, Fixtures.run(Fixtures.T0, Fixtures.up("home")));
    new SiteGenerator(Fixtures.CLOCK).generate(SiteRequest.of(results, out));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("findings")
  void resolvesToARenderedSection(Case c) throws IOException {
    String link = RunbookLibrary.defaults().link(c.code(), c.hop());
    assertThat(link).isEqualTo(Runbooks.link(c.code(), c.hop()));
    assertThat(link).startsWith("runbooks/").contains(".html#");

    Path page = out.resolve(link.substring(0, link.indexOf('#')));
    assertThat(page).isRegularFile();
    Document doc = Fixtures.parse(page);
    String anchor = link.substring(link.indexOf('#') + 1);
    Element target = doc.getElementById(anchor);
    assertThat(target).as("#%s in %s", anchor, page.getFileName()).isNotNull();
    assertThat(target.tagName()).isIn("h2", "h3");
    assertThat(target.text()).isNotBlank();
    assertThat(doc.select("nav.toc a[href=#" + anchor + "]")).as("table of contents entry").hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("findings")
  void theSectionHasRealContent(Case c) throws IOException {
    String link = Runbooks.link(c.code(), c.hop());
    Document doc = Fixtures.parse(out.resolve(link.substring(0, link.indexOf('#'))));
    Element heading = doc.getElementById(link.substring(link.indexOf('#') + 1));
    StringBuilder section = new StringBuilder();
    for (Element e = heading.nextElementSibling(); e != null && !e.tagName().matches("h[12]"); e = e.nextElementSibling()) {
      section.append(e.text()).append('\n');
    }
    assertThat(section.length()).as("words under #%s", heading.id()).isGreaterThan(250);
  }

  @org.junit.jupiter.api.Test
  void everyDefaultPageIsWrittenWithTheSearchPage() throws IOException {
    try (var files = Files.list(out.resolve("runbooks"))) {
      List<String> expected = new java.util.ArrayList<>(
          RunbookLibrary.DEFAULT_FILES.stream().map(f -> f.replace(".md", ".html")).toList());
      expected.add(SearchPage.FILE_NAME);
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
