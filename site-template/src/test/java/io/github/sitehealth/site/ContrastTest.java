package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** WCAG AA: 4.5:1 for text, 3:1 for graphics, in the light and the dark palette. */
class ContrastTest {

  private static final List<String[]> TEXT_PAIRS = List.of(
      new String[] {"fg", "bg"}, new String[] {"fg", "surface"},
      new String[] {"muted", "bg"}, new String[] {"muted", "surface"},
      new String[] {"link", "bg"}, new String[] {"link", "surface"},
      new String[] {"up-fg", "up-bg"}, new String[] {"degraded-fg", "degraded-bg"},
      new String[] {"down-fg", "down-bg"}, new String[] {"unknown-fg", "unknown-bg"});

  private static final List<String> BARS = List.of("bar-up", "bar-degraded", "bar-down", "bar-none");

  @Test
  void lightPaletteMeetsAa() throws IOException {
    check(palette(css().substring(0, css().indexOf("@media (prefers-color-scheme: dark)"))), "light");
  }

  @Test
  void darkPaletteMeetsAa() throws IOException {
    String css = css();
    int start = css.indexOf("@media (prefers-color-scheme: dark)");
    check(palette(css.substring(start, css.indexOf("}\n}", start))), "dark");
  }

  @Test
  void badgeTextIsReadable() {
    for (String svg : List.of(Badges.check("x", CheckStatus.UP), Badges.check("x", CheckStatus.DEGRADED),
        Badges.check("x", CheckStatus.DOWN), Badges.overall(OverallStatus.UNKNOWN))) {
      Document doc = Jsoup.parse(svg, Parser.xmlParser());
      for (var rect : doc.select("g[clip-path] > rect[fill^=#]")) {
        assertThat(ratio(rect.attr("fill"), "#ffffff")).as(rect.attr("fill")).isGreaterThanOrEqualTo(4.5);
      }
    }
  }

  private static void check(Map<String, String> palette, String name) {
    assertThat(palette).as(name).hasSizeGreaterThanOrEqualTo(18);
    for (String[] pair : TEXT_PAIRS) {
      assertThat(ratio(palette.get(pair[0]), palette.get(pair[1])))
          .as("%s: %s on %s", name, pair[0], pair[1]).isGreaterThanOrEqualTo(4.5);
    }
    for (String bar : BARS) {
      for (String background : List.of("bg", "surface")) {
        assertThat(ratio(palette.get(bar), palette.get(background)))
            .as("%s: %s on %s", name, bar, background).isGreaterThanOrEqualTo(3.0);
      }
    }
  }

  private static Map<String, String> palette(String css) {
    Map<String, String> colours = new HashMap<>();
    Matcher m = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6});").matcher(css);
    while (m.find()) {
      colours.put(m.group(1), m.group(2));
    }
    return colours;
  }

  private static String css() throws IOException {
    try (InputStream in = PageTemplate.class.getResourceAsStream("templates/site.css")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static double ratio(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
