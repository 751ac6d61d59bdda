package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SidebarTest {

  private static Runbook runbook(String file, Runbook.Source source, String title) {
    return new Runbook(file, source, title, "", List.of(), List.of(), "<p>x</p>", Map.of());
  }

  private final List<Runbook> all = List.of(
      runbook("dns.md", Runbook.Source.DEFAULT, "DNS"),
      runbook("ours.md", Runbook.Source.TEAM, "</a><script>alert(1)</script> & \"ours\""));

  private Element list(String page) {
    Document doc = new PageTemplate().page(PageTemplate.RUNBOOK, "t");
    Sidebar.mark(doc);
    String html = new Sidebar(all, "../runbooks/", doc.outputSettings())
        .into(PageTemplate.html(doc), page);
    return Jsoup.parse(html).selectFirst("nav.docs-nav ul");
  }

  @Test
  void listsTheSearchPageThenEveryRunbookWithTheCurrentOneMarked() {
    Element list = list("ours.html");

    assertThat(list.select("li > a").eachAttr("href")).containsExactly(
        "../runbooks/search.html", "../runbooks/dns.html", "../runbooks/ours.html");
    assertThat(list.select("a[aria-current=page]").eachAttr("href"))
        .containsExactly("../runbooks/ours.html");
    assertThat(list.select("li").get(2).text())
        .isEqualTo("</a><script>alert(1)</script> & \"ours\" (team)");
    assertThat(list.select("script")).isEmpty();
  }

  @Test
  void aPageThatIsNoRunbookMarksNone() {
    assertThat(list("").select("[aria-current]")).isEmpty();
  }

  @Test
  void aPageWithoutTheMarkIsRefused() {
    Sidebar sidebar = new Sidebar(all, "", PageTemplate.outputSettings());

    assertThatThrownBy(() -> sidebar.into("<html></html>", "dns.html"))
        .isInstanceOf(IllegalStateException.class);
  }
}
