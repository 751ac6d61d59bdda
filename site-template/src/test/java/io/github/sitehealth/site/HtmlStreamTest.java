package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlStreamTest {

  private static final String HOSTILE = "x\"><script>alert('a&b')</script><p title='";

  private final HtmlStream html = new HtmlStream(new Document("").outputSettings());

  @Test
  void textAndAttributeValuesCannotEndTheirElementOrAttribute() {
    html.start("td", "data-label", HOSTILE).element("span", HOSTILE, "class", "check-name").end();

    Element td = Jsoup.parseBodyFragment("<table><tr>" + html + "</tr></table>").selectFirst("td");
    assertThat(td.attr("data-label")).isEqualTo(HOSTILE);
    assertThat(td.selectFirst("span.check-name").text()).isEqualTo(HOSTILE);
    assertThat(td.select("script, p")).isEmpty();
    assertThat(td.attributes().size()).isEqualTo(1);
  }

  @Test
  void aNullValueIsABooleanAttribute() {
    html.start("details", "open", null, "class", "partial").end();

    assertThat(html.toString()).isEqualTo("<details open class=\"partial\"></details>");
  }

  @Test
  void flushWritesWhatWasBuiltOnceAndRefusesAnOpenElement() throws Exception {
    StringWriter out = new StringWriter();
    html.element("p", "a < b");
    html.flush(out);
    html.flush(out);
    assertThat(out).hasToString("<p>a &lt; b</p>");

    html.start("tr");
    assertThatThrownBy(() -> html.flush(out)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tr");
  }

  @Test
  void anElementLeftOpenIsClosedByTheCaller() throws Exception {
    StringWriter out = new StringWriter();
    html.start("tbody", "class", "group").element("tr", "head").leftOpen();
    html.flush(out);

    assertThat(out).hasToString("<tbody class=\"group\"><tr>head</tr>");
  }

  @Test
  void attributesComeInPairs() {
    assertThatThrownBy(() -> html.start("a", "href")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a");
  }
}
