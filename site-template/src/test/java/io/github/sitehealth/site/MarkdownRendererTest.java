package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

  private final MarkdownRenderer renderer = new MarkdownRenderer();

  private Document render(String markdown) {
    return Jsoup.parseBodyFragment(renderer.render(markdown, "t.md").html());
  }

  @Test
  void explicitHeadingIdsAreUsedAndStrippedFromTheText() {
    Document doc = render("## The origin is failing {#origin}\n\ntext\n\n### Sub `code` part {#sub-1}\n");
    assertThat(doc.getElementById("origin").text()).isEqualTo("The origin is failing");
    assertThat(doc.getElementById("origin").tagName()).isEqualTo("h2");
    assertThat(doc.getElementById("sub-1").text()).isEqualTo("Sub code part");
  }

  @Test
  void otherHeadingsGetSlugsThatAvoidExplicitIds() {
    MarkdownRenderer.Rendered r = renderer.render(
        "## Origin\n\n## Second {#origin}\n\n## Café déjà vu!\n\n## 42\n\n## Origin\n", "t.md");
    assertThat(r.sections()).extracting(Runbook.Section::id)
        .containsExactly("origin-2", "origin", "cafe-deja-vu", "section-42", "origin-3");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void duplicateOrReservedExplicitIdsAreRenamedWithAWarning() {
    MarkdownRenderer.Rendered r = renderer.render("## A {#dup}\n\n## B {#dup}\n\n## C {#sh-main}\n", "team.md");
    assertThat(r.sections()).extracting(Runbook.Section::id).containsExactly("dup", "dup-2", "sh-main-2");
    assertThat(r.warnings()).hasSize(2).allMatch(w -> w.startsWith("team.md: the heading id #"));
  }

  @Test
  void rawHtmlHeadingsCannotDuplicateIds() {
    MarkdownRenderer.Rendered r = renderer.render("## A {#a}\n\n<h2 id=\"a\">raw</h2>\n\n<h3 id=\"sh-toc\">x</h3>\n", "t.md");
    assertThat(r.sections()).extracting(Runbook.Section::id).containsExactly("a", "a-2", "sh-toc-2");
  }

  @Test
  void bracesInTextStayText() {
    Document doc = render("Set `<Authorization>` to Bearer ${env.STATUS_TOKEN} {#not-an-id} here.\n");
    assertThat(doc.text()).contains("${env.STATUS_TOKEN} {#not-an-id} here.");
    assertThat(doc.select("[id]")).isEmpty();
  }

  @Test
  void rendersTablesWithAlignment() {
    Document doc = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    assertThat(doc.select("table th")).extracting(e -> e.text()).containsExactly("a", "b");
    assertThat(doc.select("table td").get(1).attr("align")).isEqualTo("right");
  }

  @Test
  void codeBlocksKeepTheirLanguageClass() {
    Document doc = render("```bash\ncurl -sv https://www.example.com/\n```\n");
    assertThat(doc.select("pre > code.language-bash").text()).isEqualTo("curl -sv https://www.example.com/");
  }

  @Test
  void linksToMarkdownFilesPointAtTheRenderedPages() {
    Document doc = render("[a](dns.md#nxdomain) [b](tls.md) [c](https://example.com/x.md) [d](#origin)\n");
    assertThat(doc.select("a")).extracting(e -> e.attr("href"))
        .containsExactly("dns.html#nxdomain", "tls.html", "https://example.com/x.md", "#origin");
  }

  @Test
  void sectionsListEveryHeadingInOrder() {
    MarkdownRenderer.Rendered r = renderer.render("# Title\n\n## One {#one}\n\n### Two\n", "t.md");
    assertThat(r.sections()).containsExactly(
        new Runbook.Section("title", 1, "Title"),
        new Runbook.Section("one", 2, "One"),
        new Runbook.Section("two", 3, "Two"));
  }
}
