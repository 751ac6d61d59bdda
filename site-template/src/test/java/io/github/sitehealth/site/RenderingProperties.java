package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Properties of runbook rendering over generated Markdown built from hostile fragments: whatever
 * the mix, nothing executable reaches the page, and front matter never breaks the render.
 */
class RenderingProperties {

  private final MarkdownRenderer renderer = new MarkdownRenderer();

  private static final String[] FRAGMENTS = {
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
    "[b](java&#115;cript:alert(1))", "[c](data:text/html;base64,PHNjcmlwdD4=)", "[d](vbscript:msgbox)",
    "<a href=\"jav\tascript:alert(1)\">e</a>", "<svg onload=alert(1)>", "<iframe src=//x>",
    "![i](javascript:alert(1))", "<style>*{}</style>", "<form action=//x><button>f</button></form>",
    "## Heading {#id}", "`code`", "| a | b |\n|---|---|\n| <b onmouseover=x>1</b> | 2 |",
    "<details open ontoggle=alert(1)>", "[ok](other.md#part)", "plain text", "\n\n", "> quote",
    "<a href=\"&#x6A;avascript:alert(1)\">g</a>", "<math><mi xlink:href=\"javascript:alert(1)\">h</mi></math>"
  };

  @Property(tries = 300)
  void noGeneratedRunbookRendersAnythingExecutable(@ForAll("markdown") String markdown) {
    MarkdownRenderer.Rendered r = renderer.render(markdown, "generated.md");

    SafeHtml.assertSafe(inPage(r.html()), "generated runbook:\n" + markdown);
  }

  @Property(tries = 200)
  void anyFrontMatterValueRendersWithoutFailing(@ForAll("frontMatterValues") String value) {
    String markdown = "---\ntitle: " + value + "\ncodes: [" + value + "]\nsummary: " + value
        + "\n---\n\n## Section {#s}\n\nText.\n";

    MarkdownRenderer.Rendered r = renderer.render(markdown, "front.md");

    SafeHtml.assertSafe(inPage(r.html()), "front matter " + value);
    assertThat(r.sections()).isNotEmpty();
  }

  /** The rendered body inside a page head like the real pages', which holds the only style. */
  private static Document inPage(String body) {
    return Jsoup.parse("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\""
        + " content=\"default-src 'none'\"><style></style></head><body>" + body + "</body></html>");
  }

  @Provide
  Arbitrary<String> markdown() {
    return Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(8)
        .map(parts -> String.join(Arbitraries.of("\n", " ", "\n\n").sample(), parts));
  }

  @Provide
  Arbitrary<String> frontMatterValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(FRAGMENTS).map(f -> f.replace("\n", " ")),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
  }
}
