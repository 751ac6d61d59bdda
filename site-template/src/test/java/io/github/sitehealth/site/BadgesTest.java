package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckStatus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class BadgesTest {

  @Test
  void fileNamesStayInsideTheBadgeDirectory() {
    Set<String> taken = new HashSet<>();
    Path dir = Path.of("/site/badges");
    for (String name : List.of("../../etc/passwd", "..", ".", "/abs/path", "a\\..\\b", "con:x", "", "  ", "\u0000nul",
        "..\\..\\windows", ".hidden", "-dash", "ok.name_1-2")) {
      String file = Badges.fileName(name, taken);
      assertThat(file).matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.svg");
      Path resolved = dir.resolve(file).normalize();
      assertThat(resolved.getParent()).as(name).isEqualTo(dir);
    }
  }

  @Test
  void keepsSafeNamesAndMakesClashesUnique() {
    Set<String> taken = new HashSet<>();
    assertThat(Badges.fileName("home", taken)).isEqualTo("home.svg");
    assertThat(Badges.fileName("Home", taken)).isEqualTo("Home-2.svg");
    assertThat(Badges.fileName("home", taken)).isEqualTo("home-3.svg");
    assertThat(Badges.fileName("api v2", taken)).isEqualTo("api-v2.svg");
    assertThat(Badges.fileName("api/v2", taken)).isEqualTo("api-v2-2.svg");
    assertThat(Badges.fileName("overall", taken)).isEqualTo("overall-2.svg");
    assertThat(Badges.fileName("", taken)).isEqualTo("check.svg");
    assertThat(Badges.fileName("x".repeat(300), taken)).hasSize(104);
  }

  @Test
  void overallBadgeSaysTheWord() {
    Document svg = Jsoup.parse(Badges.overall(OverallStatus.OUTAGE), Parser.xmlParser());
    assertThat(svg.select("text").eachText()).containsExactly("status", "outage");
    assertThat(svg.selectFirst("svg").attr("aria-label")).isEqualTo("status: outage");
    assertThat(svg.select("title").text()).isEqualTo("status: outage");
  }

  @Test
  void checkBadgeEscapesTheName() {
    String raw = Badges.check("a<b>&\"c'", CheckStatus.DEGRADED);
    assertThat(raw).contains("a&lt;b&gt;&amp;&quot;c&apos;").doesNotContain("<b>");
    Document svg = Jsoup.parse(raw, Parser.xmlParser());
    assertThat(svg.select("text").eachText()).containsExactly("a<b>&\"c'", "degraded");
  }

  @Test
  void messageColoursFollowTheStatus() {
    assertThat(Badges.check("x", CheckStatus.UP)).contains("#1a7f37");
    assertThat(Badges.check("x", CheckStatus.DEGRADED)).contains("#9a6700");
    assertThat(Badges.check("x", CheckStatus.DOWN)).contains("#cf222e");
    assertThat(Badges.overall(OverallStatus.UNKNOWN)).contains("#59636e");
  }

  @Test
  void longerTextMakesAWiderBadge() {
    int narrow = width(Badges.check("a", CheckStatus.UP));
    int wide = width(Badges.check("a-much-longer-check-name", CheckStatus.UP));
    assertThat(wide).isGreaterThan(narrow + 100);
  }

  @Test
  void xmlForbiddenCharactersAreDropped() {
    assertThat(Badges.escape("a\u0000b\u0008c\td")).isEqualTo("abc d");
  }

  private static int width(String svg) {
    return Integer.parseInt(Jsoup.parse(svg, Parser.xmlParser()).selectFirst("svg").attr("width"));
  }
}
