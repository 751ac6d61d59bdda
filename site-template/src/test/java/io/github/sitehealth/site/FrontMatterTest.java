package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontMatterTest {

  private final MarkdownRenderer renderer = new MarkdownRenderer();

  private FrontMatter parse(String yaml) {
    return renderer.render("---\n" + yaml + "\n---\n\nBody.\n", "t.md").frontMatter();
  }

  @Test
  void readsScalarsFlowListsAndBlockLists() {
    FrontMatter fm = parse("""
        title: "502: Bad gateway"
        summary: It's 'plain'
        codes: [HTTP_502, 'READ_TIMEOUT', "HTTP_504", ]
        affects:
          - home
          - api
        """);
    assertThat(fm.first("title")).contains("502: Bad gateway");
    assertThat(fm.first("summary")).contains("It's 'plain'");
    assertThat(fm.list("codes")).containsExactly("HTTP_502", "READ_TIMEOUT", "HTTP_504");
    assertThat(fm.list("affects")).containsExactly("home", "api");
  }

  @Test
  void singleQuotedScalarsUnescapeDoubledQuotes() {
    assertThat(parse("title: 'It''s down'").first("title")).contains("It's down");
  }

  @Test
  void keysAreCaseInsensitiveAndMissingKeysAreEmpty() {
    FrontMatter fm = parse("Title: Hello");
    assertThat(fm.first("title")).contains("Hello");
    assertThat(fm.first("summary")).isEmpty();
    assertThat(fm.list("codes")).isEmpty();
  }

  @Test
  void noFrontMatterIsEmpty() {
    FrontMatter fm = renderer.render("# Just a heading\n", "t.md").frontMatter();
    assertThat(fm.values()).isEmpty();
  }

  @Test
  void emptyFlowListHasNoValues() {
    assertThat(FrontMatter.of(Map.of("codes", List.of("[]"))).list("codes")).isEmpty();
  }
}
