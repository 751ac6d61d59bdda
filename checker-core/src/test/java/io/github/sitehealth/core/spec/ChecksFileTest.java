package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksFileTest {

  @TempDir Path dir;

  private RunSpec parse(String file, String content, EndpointConfig... pom) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, content);
    return SpecParser.parse(RunConfig.builder().endpoints(List.of(pom)).checksFile(path.toString())
        .build());
  }

  private InvalidConfigException invalid(String file, String content) {
    return catchThrowableOfType(InvalidConfigException.class, () -> parse(file, content));
  }

  @Test
  void yamlHoldsEndpointsDnsRecordsAndTcpChecksWithThePomsFieldNames() throws IOException {
    RunSpec run = parse("checks.yaml", String.join("\n",
        "endpoints:",
        "  - name: shop",
        "    url: https://shop.example.test/",
        "    expectStatus: 200,301",
        "    headers:",
        "      X-Probe: site-health",
        "    samples: 5",
        "    maxFailureRate: 20",
        "dnsRecords:",
        "  - name: www.example.test",
        "    type: CNAME",
        "    expect: edge.cdn.test.",
        "  - name: example.test",
        "    type: A",
        "    expect: [192.0.2.1, 192.0.2.2]",
        "tcpChecks:",
        "  - name: ssh",
        "    address: bastion.example.test:22",
        ""), EndpointConfig.of("home", "https://www.example.test/"));

    assertThat(run.endpoints()).extracting(EndpointSpec::name).containsExactly("home", "shop");
    EndpointSpec shop = run.endpoints().get(1);
    assertThat(shop.expectStatus().contains(301)).isTrue();
    assertThat(shop.headers()).containsEntry("X-Probe", "site-health");
    assertThat(shop.samples()).isEqualTo(5);
    assertThat(shop.maxFailureRate()).isEqualTo(20.0);
    assertThat(run.dnsRecords()).hasSize(2);
    assertThat(run.dnsRecords().get(0).expect()).containsExactly("edge.cdn.test.");
    assertThat(run.dnsRecords().get(1).expect()).hasSize(2);
    assertThat(run.checks(TcpCheckSpec.class)).extracting(TcpCheckSpec::checkName)
        .containsExactly("ssh");
  }

  @Test
  void jsonWorksTheSame() throws IOException {
    RunSpec run = parse("checks.json",
        "{\"endpoints\": [{\"name\": \"api\", \"url\": \"http://api.example.test/health\"}]}");

    assertThat(run.endpoints()).extracting(EndpointSpec::name).containsExactly("api");
  }

  @Test
  void aBadValueIsNamedWithItsElementAndTheLineOfItsEntry() {
    InvalidConfigException e = invalid("checks.yaml", String.join("\n",
        "endpoints:",
        "  - name: ok",
        "    url: https://ok.example.test/",
        "  - name: broken",
        "    url: htp:/nope",
        ""));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<endpoint><url>");
      assertThat(p.value()).isEqualTo("htp:/nope");
      assertThat(p.reason()).endsWith("(checks.yaml line 4)");
    });
  }

  @Test
  void aNameUsedInThePomAndTheFileIsADuplicateNamedByLine() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parse(
        "checks.yaml", "endpoints:\n  - name: home\n    url: https://b.example.test/\n",
        EndpointConfig.of("home", "https://a.example.test/")));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<endpoint><name>");
      assertThat(p.reason()).contains("names must be unique").endsWith("(checks.yaml line 2)");
    });
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() {
    InvalidConfigException e = invalid("checks.yml", String.join("\n",
        "endpoints:",
        "  - name: home",
        "    url: https://www.example.test/",
        "    expectStauts: 200",
        ""));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<checksFile>");
      assertThat(p.value()).endsWith("checks.yml");
      assertThat(p.reason()).isEqualTo("line 4: unknown element <endpoint><expectStauts>");
    });
  }

  @Test
  void brokenYamlAMissingFileAndAWrongSuffixAreNamed() throws IOException {
    assertThat(invalid("checks.yaml", "endpoints:\n  - name: [unclosed\n").problems())
        .singleElement().satisfies(p -> assertThat(p.reason()).startsWith("line "));
    assertThat(invalid("checks.yaml", "sites:\n  - name: a\n").problems())
        .singleElement().satisfies(p -> assertThat(p.reason())
            .isEqualTo("line 1: unknown element <sites>; the file holds endpoints, dnsRecords and"
                + " tcpChecks"));
    assertThat(invalid("checks.txt", "endpoints: []").problems())
        .singleElement().satisfies(p -> assertThat(p.reason())
            .isEqualTo("must be a .yaml, .yml or .json file"));
    InvalidConfigException missing = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder()
            .checksFile(dir.resolve("absent.yaml").toString()).build()));
    assertThat(missing.problems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).isEqualTo("is not readable: no such file"));
  }

  @Test
  void aValueOfTheWrongShapeIsNamedWithItsElementAndLine() {
    InvalidConfigException list = invalid("checks.yaml", String.join("\n",
        "endpoints:",
        "  - name: home",
        "    url: https://www.example.test/",
        "    expectHeaders:",
        "      - Content-Type: text/html",
        ""));
    assertThat(list.problems()).singleElement().satisfies(p -> assertThat(p.reason())
        .startsWith("line 5: <endpoint><expectHeaders> is not a map of names to values"));

    InvalidConfigException fraction = invalid("checks.yaml",
        "endpoints:\n  - name: home\n    url: https://www.example.test/\n    retries: 1.5\n");
    assertThat(fraction.problems()).singleElement().satisfies(p -> assertThat(p.reason())
        .startsWith("line 4: <endpoint><retries> is not a whole number"));
  }

  @Test
  void aKeyWrittenTwiceIsAnError() {
    InvalidConfigException e = invalid("checks.yaml", String.join("\n",
        "endpoints:",
        "  - name: home",
        "    url: https://a.example.test/",
        "    url: https://b.example.test/",
        ""));

    assertThat(e.problems()).singleElement().satisfies(p ->
        assertThat(p.reason()).startsWith("line 4: ").contains("Duplicate field 'url'"));
  }
}
