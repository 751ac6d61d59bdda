package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

  private final HtmlSanitizer sanitizer = new HtmlSanitizer();
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  @Test
  void relativeLinksStayRelative() {
    Document doc = sanitizer.clean("<a href=\"dns.html#nxdomain\">a</a><a href=\"#origin\">b</a>"
        + "<a href=\"../index.html\">c</a><a href=\"https://example.com/x\">d</a><a href=\"mailto:ops@example.com\">e</a>"
        + "<img src=\"diagram.png\" alt=\"f\">");
    assertThat(doc.select("a").eachAttr("href")).containsExactly(
        "dns.html#nxdomain", "#origin", "../index.html", "https://example.com/x", "mailto:ops@example.com");
    assertThat(doc.select("img").attr("src")).isEqualTo("diagram.png");
  }

  @Test
  void entityEncodedSchemesAreCaughtAfterFlexmarkPassesThemOn() {
    String markdown = "[a](java&#115;cript:alert(1)) <a href=\"&#x6A;avascript:alert(1)\">b</a>";
    MarkdownRenderer.Rendered r = renderer.render(markdown, "t.md");
    Document doc = org.jsoup.Jsoup.parseBodyFragment(r.html());
    assertThat(doc.select("a")).hasSize(2).allSatisfy(a -> assertThat(a.hasAttr("href")).isFalse());
    assertThat(doc.text()).isEqualTo("a b");
  }

  @Test
  void headingIdsAndCodeLanguagesSurviveButOtherAttributesDoNot() {
    Document doc = sanitizer.clean("<h2 id=\"origin\" class=\"x\" style=\"color:red\">h</h2>"
        + "<p id=\"p\" class=\"y\">p</p><pre><code class=\"language-bash\">ls</code></pre>");
    assertThat(doc.select("h2").outerHtml()).isEqualTo("<h2 id=\"origin\">h</h2>");
    assertThat(doc.select("p").outerHtml()).isEqualTo("<p>p</p>");
    assertThat(doc.select("code").attr("class")).isEqualTo("language-bash");
  }

  @Test
  void rawScriptsStylesAndFramesAreRemovedWithTheirContent() {
    Document doc = sanitizer.clean("<p>keep</p><script>alert(1)</script><style>p{}</style>"
        + "<iframe src=\"https://example.com\">x</iframe>");
    assertThat(doc.body().html()).isEqualTo("<p>keep</p>");
  }
}
