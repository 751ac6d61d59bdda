package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <group>} on every kind of check: validated, trimmed, and kept by check name. */
class GroupConfigTest {

  @TempDir Path dir;

  /** The endpoint's group is the one problem, named with its element, value and reason. */
  private static void assertRefused(String group, String reason) {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parse(group));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<endpoint><group>");
      assertThat(p.value()).isEqualTo(group);
      assertThat(p.reason()).isEqualTo(reason);
    });
  }

  private static RunSpec parse(String group) {
    return SpecParser.parse(RunConfig.builder()
        .endpoints(List.of(EndpointConfig.builder("home", "https://www.example.com/")
            .group(group).build()))
        .build());
  }

  @Test
  void everyKindTakesAGroupAndAChecksWithoutOneHasNone() {
    RunSpec spec = SpecParser.parse(RunConfig.builder()
        .endpoints(List.of(
            EndpointConfig.builder("home", "https://www.example.com/").group(" Storefront ").build(),
            EndpointConfig.of("api", "https://api.example.com/")))
        .dnsRecords(List.of(DnsRecordConfig.of("www.example.com", "A").group("DNS")))
        .tcpChecks(List.of(TcpCheckConfig.builder("smtp", "mail.example.com:25")
            .group("Mail \u00e9 <b>").build()))
        .build());

    assertThat(spec.group("home")).contains("Storefront");
    assertThat(spec.group("api")).isEmpty();
    assertThat(spec.group(spec.dnsRecords().get(0).checkName())).contains("DNS");
    assertThat(spec.group("smtp")).contains("Mail \u00e9 <b>");
    assertThat(parse(null).group("home")).isEmpty();
  }

  /** A blank group would be a component without a name: it is a mistake, not "no group". */
  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t ", "\u00a0", "\u200b"})
  void aBlankGroupIsNamed(String value) {
    assertRefused(value, "is blank: give it a value, or leave <group> out (check \"home\")");
  }

  /**
   * The page lists the checks without a group under "Other checks": a group of that name would
   * be a second component that looks the same, so it is refused, whatever its case or spacing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Other checks", " other checks ", "OTHER  Checks", "Other\u00a0checks",
      "Other checks\u200b", "Other\u200b checks", "\u00adOther checks"})
  void aGroupThatReadsAsTheHeadingOfChecksWithoutOneIsNamed(String value) {
    assertRefused(value, "is the heading the status page gives the checks without a group:"
        + " leave <group> out to list the check there, or choose another name (check \"home\")");
    assertThat(parse("Other checks (EU)").group("home")).contains("Other checks (EU)");
  }

  @Test
  void aChecksFileNamesABlankGroupOfEveryKindWithItsLine() throws IOException {
    Path file = dir.resolve("checks.json");
    Files.writeString(file, String.join("\n",
        "{\"endpoints\": [{\"name\": \"home\", \"url\": \"https://www.example.com/\", \"group\": \"\"}],",
        " \"dnsRecords\": [{\"name\": \"www.example.com\", \"group\": \" \"}],",
        " \"tcpChecks\": [{\"name\": \"ssh\", \"address\": \"bastion.example.com:22\", \"group\": \"\"}]}",
        ""));

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder().checksFile(file.toString()).build()));

    assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
        "<endpoint><group> \"\" is blank: give it a value, or leave <group> out (check \"home\")"
            + " (checks.json line 1)",
        "<dnsRecord><group> \" \" is blank: give it a value, or leave <group> out"
            + " (check \"www.example.com. A\") (checks.json line 2)",
        "<tcpCheck><group> \"\" is blank: give it a value, or leave <group> out (check \"ssh\")"
            + " (checks.json line 3)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"line\nbreak", "tab\there", "bell\u0007"})
  void aControlCharacterIsNamed(String value) {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parse(value));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<endpoint><group>");
      assertThat(p.value()).isEqualTo(value);
    });
    assertThat(e.getMessage()).contains("contains a control character").contains("(check \"home\")");
  }

  @Test
  void aGroupLongerThan64CharactersIsNamed() {
    assertThat(parse("x".repeat(64)).group("home")).contains("x".repeat(64));
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> parse("x".repeat(65)));

    assertThat(e.getMessage()).contains("<endpoint><group>").contains("is longer than 64 characters");
  }

  /** An emoji, or an ideograph beyond the BMP, is one character, though Java holds it in two. */
  @ParameterizedTest
  @ValueSource(strings = {"\uD83D\uDE80", "\uD840\uDC00"})
  void charactersAreCountedAsCodePointsNotUtf16Units(String character) {
    String longest = character.repeat(64);
    assertThat(longest).hasSize(128);
    assertThat(parse(longest).group("home")).contains(longest);
    assertRefused(character.repeat(65), "is longer than 64 characters (it has 65) (check \"home\")");
  }

  @Test
  void aChecksFileCountsCodePointsToo() throws IOException {
    Path json = dir.resolve("checks.json");
    Files.writeString(json, "{\"tcpChecks\": [{\"name\": \"ssh\", \"address\": \"bastion.example.com:22\","
        + " \"group\": \"" + "\\ud83d\\ude80".repeat(64) + "\"}]}");
    Path yaml = dir.resolve("checks.yaml");
    Files.writeString(yaml, String.join("\n",
        "tcpChecks:",
        "  - name: ssh",
        "    address: bastion.example.com:22",
        "    group: " + "\uD840\uDC00".repeat(65),
        ""));

    assertThat(SpecParser.parse(RunConfig.builder().checksFile(json.toString()).build())
        .group("ssh")).contains("\uD83D\uDE80".repeat(64));
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder().checksFile(yaml.toString()).build()));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<tcpCheck><group>");
      assertThat(p.reason()).startsWith("is longer than 64 characters (it has 65)")
          .endsWith("(checks.yaml line 2)");
    });
  }

  @Test
  void aChecksFileTakesGroupsAndNamesTheLineOfABadOne() throws IOException {
    Path file = dir.resolve("checks.yaml");
    Files.writeString(file, String.join("\n",
        "endpoints:",
        "  - name: home",
        "    url: https://www.example.com/",
        "    group: Storefront",
        "dnsRecords:",
        "  - name: www.example.com",
        "    type: A",
        "    group: \"bad\\ngroup\"",
        ""));

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder().checksFile(file.toString()).build()));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<dnsRecord><group>");
      assertThat(p.message()).contains("checks.yaml").contains("line 6");
    });

    Files.writeString(file, String.join("\n",
        "endpoints:",
        "  - name: home",
        "    url: https://www.example.com/",
        "    group: Storefront",
        ""));
    assertThat(SpecParser.parse(RunConfig.builder().checksFile(file.toString()).build())
        .group("home")).contains("Storefront");
  }

  /**
   * Two spellings the page shows alike would be two headings that look the same: whatever their
   * case, composition, spacing or invisible characters, they are one mistake naming both checks.
   */
  @ParameterizedTest
  @ValueSource(strings = {"checkout", "CHECKOUT", "Check  out|Check out", "Check\u00a0out|Check out",
      "Caf\u00e9|Cafe\u0301", "Stra\u00dfe|STRASSE", "Check\u200bout|Checkout"})
  void groupsThatReadTheSameOnThePageAreNamedTogether(String pair) {
    String first = pair.contains("|") ? pair.substring(0, pair.indexOf('|')) : "Checkout";
    String second = pair.substring(pair.indexOf('|') + 1);

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder()
            .endpoints(List.of(
                EndpointConfig.builder("a", "https://www.example.com/").group(first).build(),
                EndpointConfig.builder("b", "https://www.example.com/b").group(second).build()))
            .build()));

    assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
        ConfigProblem.escapeControls("<endpoint><group> " + ConfigProblem.quote(second)
            + " (check \"b\") and " + ConfigProblem.quote(first)
            + " (check \"a\") read the same on the page: write one spelling"));
  }

  @Test
  void oneSpellingOnSeveralChecksAndNamesThatOnlyLookAlikeAreKept() {
    RunSpec spec = SpecParser.parse(RunConfig.builder()
        .endpoints(List.of(
            EndpointConfig.builder("a", "https://www.example.com/").group("Checkout").build(),
            EndpointConfig.builder("b", "https://www.example.com/b").group(" Checkout ").build(),
            EndpointConfig.builder("c", "https://www.example.com/c").group("Check-out").build()))
        .build());

    assertThat(spec.group("a")).contains("Checkout");
    assertThat(spec.group("b")).contains("Checkout");
    assertThat(spec.group("c")).contains("Check-out");
  }

  /** A checks file's groups, of any kind, are compared with the pom's as one page shows them. */
  @Test
  void aChecksFileGroupThatReadsAsAPomGroupIsNamedWithItsLine() throws IOException {
    Path file = dir.resolve("checks.yaml");
    Files.writeString(file, String.join("\n",
        "tcpChecks:",
        "  - name: smtp",
        "    address: mail.example.com:25",
        "    group: \"CHECKOUT\"",
        ""));

    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> SpecParser.parse(RunConfig.builder()
            .endpoints(List.of(
                EndpointConfig.builder("home", "https://www.example.com/").group("Checkout").build()))
            .checksFile(file.toString())
            .build()));

    assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
        "<tcpCheck><group> \"CHECKOUT\" (check \"smtp\") and \"Checkout\" (check \"home\") read"
            + " the same on the page: write one spelling (checks.yaml line 2)");
  }

  /** A bidirectional control turns what follows it round: "\u202EPayments" shows "stnemyaP". */
  @ParameterizedTest
  @ValueSource(strings = {"\u202ePayments", "Pay\u202aments", "\u2066Payments\u2069", "\u2067x"})
  void aBidirectionalControlIsNamed(String value) {
    int control = value.codePoints().filter(c -> c >= 0x202a).findFirst().getAsInt();
    assertRefused(value, "contains the bidirectional control character "
        + String.format("U+%04X", control) + ", which reorders the name on the page: remove it"
        + " (check \"home\")");
  }
}
