package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Asserts that a page, parsed the way a browser would, can run nothing and load nothing bad. */
final class SafeHtml {

  private static final Set<String> FORBIDDEN_TAGS = Set.of(
      "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
      "button", "textarea", "select", "base", "link", "math", "template", "noscript",
      "video", "audio", "source", "marquee", "isindex", "x");

  private static final Set<String> URL_ATTRIBUTES = Set.of(
      "href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster",
      "background", "srcdoc", "lowsrc", "dynsrc", "ping", "cite");

  /**
   * The page's own drawings are inline SVG: only these classes, elements and attributes, so a
   * payload's {@code <svg onload>} or {@code <a xlink:href>} inside one would still be caught.
   */
  private static final Set<String> SVG_CLASSES = Set.of("strip", "chart", "swatch", "swatch-wide");
  private static final Set<String> SVG_TAGS = Set.of("svg", "path", "polyline", "circle");
  private static final Set<String> SVG_ATTRIBUTES = Set.of(
      "class", "viewbox", "role", "aria-label", "aria-hidden", "d", "points", "cx", "cy", "r");

  private SafeHtml() {}

  static void assertSafe(Document doc, String where) {
    for (String tag : FORBIDDEN_TAGS) {
      if (tag.equals("script")) {
        assertOnlyHashedScripts(doc, where);
      } else if (tag.equals("input")) {
        // a search field, in no form: it submits nothing anywhere
        assertThat(doc.select("input")).as("<input> in %s", where)
            .allSatisfy(i -> assertThat(i.attr("type")).isEqualTo("search"));
      } else {
        assertThat(doc.select(tag)).as("<%s> in %s", tag, where).isEmpty();
      }
    }
    for (Element svg : doc.select("svg")) {
      assertThat(svg.classNames()).as("class of an <svg> in %s", where).hasSize(1)
          .isSubsetOf(SVG_CLASSES);
      for (Element el : svg.getAllElements()) {
        assertThat(el.tagName()).as("element in an <svg> in %s", where).isIn(SVG_TAGS);
        for (Attribute attr : el.attributes()) {
          assertThat(attr.getKey().toLowerCase(Locale.ROOT))
              .as("attribute of <%s> in an <svg> in %s", el.tagName(), where).isIn(SVG_ATTRIBUTES);
        }
      }
    }
    assertThat(doc.select("style")).as("<style> in %s", where).hasSize(1);
    assertThat(doc.selectFirst("style").parent()).as("<style> in %s", where).isEqualTo(doc.head());
    for (Element meta : doc.select("meta[http-equiv]")) {
      assertThat(meta.attr("http-equiv")).as("meta http-equiv in %s", where)
          .isEqualToIgnoringCase("Content-Security-Policy");
    }
    assertThat(doc.select("meta[http-equiv=Content-Security-Policy]")).as("CSP in %s", where).hasSize(1);
    for (Element el : doc.getAllElements()) {
      for (Attribute attr : el.attributes()) {
        String name = attr.getKey().toLowerCase(Locale.ROOT);
        assertThat(name).as("event attribute on <%s> in %s", el.tagName(), where).doesNotStartWith("on");
        if (URL_ATTRIBUTES.contains(name)) {
          assertThat(normalizedUrl(attr.getValue()))
              .as("%s=\"%s\" on <%s> in %s", name, attr.getValue(), el.tagName(), where)
              .doesNotStartWith("javascript:")
              .doesNotStartWith("data:")
              .doesNotStartWith("vbscript:");
        }
        assertThat(name).as("style attribute on <%s> in %s", el.tagName(), where).isNotEqualTo("style");
        if (name.equals("srcset") || name.equals("srcdoc")) {
          throw new AssertionError(name + " attribute in " + where);
        }
      }
    }
  }

  /**
   * A script runs only when the page's policy allows exactly its text by its hash: inline, no
   * {@code src}, no {@code 'unsafe-inline'}, and only the search page's own script.
   */
  private static void assertOnlyHashedScripts(Document doc, String where) {
    for (Element script : doc.select("script")) {
      String policy = doc.select("meta[http-equiv=Content-Security-Policy]").attr("content");
      assertThat(script.hasAttr("src")).as("script src in %s", where).isFalse();
      assertThat(script.data()).as("script in %s", where).isEqualTo(PageTemplate.SEARCH_SCRIPT);
      assertThat(policy).as("CSP of %s", where)
          .contains("script-src '" + PageTemplate.scriptHash(script.data()) + "'")
          .doesNotContain("unsafe-inline'; script", "unsafe-eval");
      assertThat(policy.substring(policy.indexOf("script-src"))).doesNotContain("unsafe-inline");
    }
  }

  /** What a browser makes of a URL's scheme: control characters and whitespace gone, lower case. */
  static String normalizedUrl(String value) {
    return value.replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
  }
}
