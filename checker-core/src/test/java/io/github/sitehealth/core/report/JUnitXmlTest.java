package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.run;
import static io.github.sitehealth.core.testing.SampleResults.someAddressesFail;
import static io.github.sitehealth.core.testing.SampleResults.someRequestsFail;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import io.github.sitehealth.core.testing.SampleResults;
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

  @Test
  void aCheckOfSeveralAddressesStaysOneTestcaseWhoseFailureListsEachAddressAndTheSamples()
      throws Exception {
    Document doc = writeAndParse(run(someAddressesFail("www")));

    List<Element> cases = elements(doc.getDocumentElement(), "testcase");
    assertThat(cases).singleElement().satisfies(e -> assertThat(e.getAttribute("name")).isEqualTo("www"));
    Element failure = elements(cases.get(0), "failure").get(0);
    assertThat(failure.getAttribute("type")).isEqualTo("SOME_ADDRESSES_FAIL");
    assertThat(failure.getAttribute("message")).isEqualTo(
        "1 of 3 addresses fails [SOME_ADDRESSES_FAIL, hop network]"
            + "; 127.0.0.2 DEGRADED HTTP_502 (origin): 200 OK, 1 of 6 samples failed (16.7 %)"
            + "; 127.0.0.3 DOWN CONNECT_REFUSED (network): connection refused, 8 of 8 samples failed (100 %)"
            + "; 1 of 3 addresses UP"
            + "; 9 of 20 samples failed (45 %), allowed 0 %");
    assertThat(failure.getTextContent().lines().toList()).containsSubsequence(
        "1 of 3 addresses UP:",
        "  127.0.0.1 UP: 200 OK, 0 of 6 samples failed (0 %)",
        "  127.0.0.2 DEGRADED HTTP_502 (origin): 200 OK, 1 of 6 samples failed (16.7 %)",
        "  127.0.0.3 DOWN CONNECT_REFUSED (network): connection refused, 8 of 8 samples failed (100 %)",
        "9 of 20 samples failed (45 %), allowed 0 %, sent over 10000 ms",
        "  sample 3 to 127.0.0.3 at 2026-01-02T03:04:06Z, 1 ms: CONNECT_REFUSED, connection refused",
        "  sample 10 to 127.0.0.2 at 2026-01-02T03:04:09.500Z, 12 ms: HTTP_502, 502 Bad Gateway");
  }

  @Test
  void aDegradedSampledCheckListsItsSamplesInSystemOut() throws Exception {
    Document doc = writeAndParse(run(someRequestsFail("api")));

    Element testcase = elements(doc.getDocumentElement(), "testcase").get(0);
    assertThat(elements(testcase, "failure")).isEmpty();
    assertThat(elements(testcase, "system-out")).singleElement().satisfies(out ->
        assertThat(out.getTextContent())
            .startsWith("DEGRADED: ")
            .contains("3 of 20 samples failed (15 %), allowed 20 %, sent over 10000 ms\n")
            .contains("  sample 4 at 2026-01-02T03:04:06.500Z, 2000 ms: READ_TIMEOUT, no answer"
                + " within 2000 ms\n")
            .doesNotContain("addresses"));
  }

  @Test
  void anUpCheckOfSeveralAddressesSaysSoInSystemOut() throws Exception {
    CheckResult up = up("home");
    CheckResult each = new CheckResult(up.name(), up.kind(), up.target(), up.status(), up.observed(),
        up.finding(), up.attempts(), up.startedAt(), up.durationMs(),
        List.of(
            new AddressResult("192.0.2.1", CheckStatus.UP, "200 OK", Optional.empty(),
                Optional.empty(), 40, 1, 0),
            new AddressResult("2001:db8::1", CheckStatus.UP, "200 OK", Optional.empty(),
                Optional.empty(), 42, 1, 0)),
        Optional.empty());

    Document doc = writeAndParse(run(each, up("plain")));

    List<Element> cases = elements(doc.getDocumentElement(), "testcase");
    assertThat(elements(cases.get(0), "system-out")).singleElement().satisfies(out ->
        assertThat(out.getTextContent()).isEqualTo(
            "UP: 200 OK\n2 of 2 addresses UP:\n  192.0.2.1 UP: 200 OK\n  2001:db8::1 UP: 200 OK\n"));
    assertThat(cases.get(1).getChildNodes().getLength()).isZero();
  }

  @Test
  void atMost20FailedSamplesAreListed() throws Exception {
    List<Sample> failures = java.util.stream.IntStream.rangeClosed(1, 27)
        .mapToObj(i -> new Sample(i, SampleResults.T0.plusSeconds(i), 5, Optional.empty(),
            Optional.of(503), FindingCode.http(503), "503 Service Unavailable"))
        .toList();
    CheckResult down = SampleResults.down("svc", "SOME_REQUESTS_FAIL", Hop.ORIGIN, "runbooks/x.html#y");
    CheckResult sampled = new CheckResult(down.name(), down.kind(), down.target(), down.status(),
        down.observed(), down.finding(), down.attempts(), down.startedAt(), down.durationMs(),
        List.of(), Optional.of(new Sampling(30, 27, 60_000, 10, failures)));

    Document doc = writeAndParse(run(sampled));

    String text = elements(doc.getDocumentElement(), "failure").get(0).getTextContent();
    assertThat(text).contains("27 of 30 samples failed (90 %), allowed 10 %")
        .contains("  sample 20 at ").doesNotContain("sample 21 at").endsWith("  and 7 more\n");
  }
}
