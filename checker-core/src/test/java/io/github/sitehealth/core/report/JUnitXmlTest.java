package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlTest {

  @TempDir Path dir;

  private Document writeAndParse(RunResult run) throws Exception {
    Path file = dir.resolve(JUnitXml.FILE_NAME);
    new JUnitXml().write(run, file);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return java.util.stream.IntStream.range(0, nodes.getLength())
        .mapToObj(i -> (Element) nodes.item(i))
        .toList();
  }

  @Test
  void oneTestcasePerCheckAndAFailureForEachDownCheck() throws Exception {
    Document doc = writeAndParse(run(up("home"), degraded("api"), down502("shop")));

    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("site-health");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("time")).isEqualTo("1.234");

    List<Element> cases = elements(suite, "testcase");
    assertThat(cases).extracting(e -> e.getAttribute("name")).containsExactly("home", "api", "shop");
    assertThat(cases).extracting(e -> e.getAttribute("classname")).containsOnly("site-health.http");

    assertThat(elements(cases.get(0), "failure")).isEmpty();
    assertThat(cases.get(0).getChildNodes().getLength()).isZero();

    assertThat(elements(cases.get(1), "failure")).isEmpty();
    assertThat(elements(cases.get(1), "system-out"))
        .singleElement()
        .satisfies(e -> assertThat(e.getTextContent()).startsWith("DEGRADED: "));

    Element failure = elements(cases.get(2), "failure").get(0);
    assertThat(failure.getAttribute("type")).isEqualTo("HTTP_502");
    assertThat(failure.getAttribute("message"))
        .isEqualTo("502 Bad Gateway (expected 200-399) [HTTP_502, hop origin]");
    assertThat(failure.getTextContent())
        .contains("https://shop.example.com/")
        .contains("runbook: runbooks/502-bad-gateway.html#origin-unreachable")
        .contains("server: nginx");
  }

  @Test
  void specialCharactersAreEscaped() throws Exception {
    String name = "a&b<c>\"d'e]]>";
    String observed = "502 <Bad> & \"Gateway\" ]]> 'x'";
    CheckResult odd =
        new CheckResult(
            name,
            "http",
            "https://www.example.com/?a=1&b=<2>",
            CheckStatus.DOWN,
            observed,
            Optional.of(
                new Finding("HTTP_502", Hop.EDGE, "<b>bold</b> & more", "runbooks/x.html#y",
                    List.of("server: <nginx> & \"friends\""))),
            List.of(),
            io.github.sitehealth.core.testing.SampleResults.T0,
            1);

    Document doc = writeAndParse(run(odd));

    Element testcase = elements(doc.getDocumentElement(), "testcase").get(0);
    assertThat(testcase.getAttribute("name")).isEqualTo(name);
    Element failure = elements(testcase, "failure").get(0);
    assertThat(failure.getAttribute("message")).startsWith(observed);
    assertThat(failure.getTextContent())
        .contains("https://www.example.com/?a=1&b=<2>")
        .contains("<b>bold</b> & more")
        .contains("server: <nginx> & \"friends\"");
  }

  @Test
  void controlCharactersFromAServerDoNotBreakTheXml() throws Exception {
    // A reason phrase or header value is whatever the server sent; XML 1.0 cannot hold most
    // control characters, even escaped.
    String observed = "header x-debug: \"a\u0001b\u001bc\" (expected /ok/)";
    CheckResult odd =
        new CheckResult(
            "ctl",
            "http",
            "https://www.example.com/",
            CheckStatus.DOWN,
            observed,
            Optional.of(
                new Finding("HEADER_MISMATCH", Hop.ORIGIN, "summary\u0000", "runbooks/x.html#y",
                    List.of("server: evil\u0007"))),
            List.of(),
            io.github.sitehealth.core.testing.SampleResults.T0,
            1);

    Document doc = writeAndParse(run(odd));

    Element failure = elements(doc.getDocumentElement(), "failure").get(0);
    assertThat(failure.getAttribute("type")).isEqualTo("HEADER_MISMATCH");
    assertThat(failure.getAttribute("message"))
        .startsWith("header x-debug: \"a\uFFFDb\uFFFDc\" (expected /ok/)");
    assertThat(failure.getTextContent()).contains("summary\uFFFD").contains("server: evil\uFFFD");
  }

  @Test
  void xmlSafeKeepsWhatXmlCanHold() {
    assertThat(JUnitXml.xmlSafe("tab\tnl\ncr\r é € \uD83D\uDE00 \uFFFD"))
        .isEqualTo("tab\tnl\ncr\r é € \uD83D\uDE00 \uFFFD");
    assertThat(JUnitXml.xmlSafe("nul\u0000 esc\u001b lone\uD800 nonchar\uFFFE"))
        .isEqualTo("nul\uFFFD esc\uFFFD lone\uFFFD nonchar\uFFFD");
  }

  @Test
  void anEmptyRunIsAnEmptySuite() throws Exception {
    Document doc = writeAndParse(run());

    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("0");
    assertThat(elements(doc.getDocumentElement(), "testcase")).isEmpty();
  }
}
