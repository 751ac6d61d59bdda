package io.github.sitehealth.core.report;

import static io.github.sitehealth.core.testing.SampleResults.T0;
import static io.github.sitehealth.core.testing.SampleResults.degraded;
import static io.github.sitehealth.core.testing.SampleResults.down502;
import static io.github.sitehealth.core.testing.SampleResults.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sitehealth.core.report.Merge.Input;
import io.github.sitehealth.core.report.Merge.Outcome;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.result.VantageResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {

  @TempDir Path dir;

  private static Input input(String name, String vantage, String shard, CheckResult... checks) {
    RunResult run = new RunResult(T0, 1000, List.of(checks),
        Optional.ofNullable(vantage), Optional.ofNullable(shard).map(Shard::parse));
    return new Input(Path.of("results", name), run);
  }

  private static CheckResult check(Outcome outcome, String name) {
    return outcome.run().checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void theShardsOfOneRunAreConcatenatedAsTheyWere() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("s1", null, "1/2", up("home"), down502("shop")),
        input("s2", null, "2/2", degraded("cdn"))), 1);

    assertThat(outcome.run().checks()).containsExactly(up("home"), down502("shop"), degraded("cdn"));
    assertThat(outcome.run().vantage()).isEmpty();
    assertThat(outcome.run().shard()).isEmpty();
    assertThat(outcome.vantages()).isEmpty();
    assertThat(outcome.warnings()).isEmpty();
  }

  @Test
  void aCheckInTwoShardsOfOneVantageNamesBothInputs() {
    assertThatThrownBy(() -> Merge.merge(List.of(
            input("eu-1", "eu-west", "1/2", up("home")),
            input("eu-2", "eu-west", "2/2", up("home"))), 1))
        .isInstanceOf(MergeException.class)
        .hasMessageContaining("check \"home\" is in both \"" + Path.of("results", "eu-1")
            + "\" and \"" + Path.of("results", "eu-2") + "\" (vantage eu-west)");
  }

  /** Shards configured apart may spell a group two ways the merged page would show alike. */
  @Test
  void groupsOfTwoInputsThatReadTheSameOnThePageNameBoth() throws MergeException {
    assertThatThrownBy(() -> Merge.merge(List.of(
            input("s1", null, "1/2", up("home").withGroup(Optional.of("Checkout"))),
            input("s2", null, "2/2", up("shop").withGroup(Optional.of("checkout")))), 1))
        .isInstanceOf(MergeException.class)
        .hasMessage("group \"checkout\" (check \"shop\" in \"" + Path.of("results", "s2")
            + "\") and \"Checkout\" (check \"home\" in \"" + Path.of("results", "s1")
            + "\") read the same on the page: write one spelling in the configuration of both");

    Outcome same = Merge.merge(List.of(
        input("s1", null, "1/2", up("home").withGroup(Optional.of("Checkout"))),
        input("s2", null, "2/2", up("shop").withGroup(Optional.of("Checkout")))), 1);
    assertThat(same.run().checks()).extracting(CheckResult::group)
        .containsOnly(Optional.of("Checkout"));
  }

  @Test
  void aMissingShareIsAWarningAndDifferentSplitsAnError() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu-1", "eu-west", "1/3", up("home")),
        input("eu-3", "eu-west", "3/3", up("shop"))), 1);
    assertThat(outcome.warnings())
        .containsExactly("shard 2/3 of vantage eu-west is not among the inputs: its checks are"
            + " missing from the merge");

    assertThatThrownBy(() -> Merge.merge(List.of(
            input("a", null, "1/3", up("home")), input("b", null, "2/2", up("shop"))), 1))
        .hasMessageContaining("shares of different splits")
        .hasMessageContaining("1/3 in \"" + Path.of("results", "a") + "\"");
  }

  @Test
  void namedAndUnnamedInputsDoNotMix() {
    assertThatThrownBy(() -> Merge.merge(List.of(
            input("eu", "eu-west", null, up("home")), input("plain", null, null, up("shop"))), 1))
        .hasMessageContaining("\"" + Path.of("results", "plain") + "\" has no vantage")
        .hasMessageContaining("give every run a <vantage>");
  }

  @Test
  void downFromOneVantageBelowTheQuorumIsDegradedAndSaysWhere() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu", "eu-west", null, up("home"), down502("shop")),
        input("us", "us-east", null, up("home"), up("shop")),
        input("ap", "ap-south", null, up("home"), up("shop"))), 2);

    CheckResult shop = check(outcome, "shop");
    assertThat(shop.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = shop.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.http(502));
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.summary()).isEqualTo("DOWN from eu-west only (us-east, ap-south: UP), below the"
        + " quorum of 2: The origin fails when asked directly too: fix the origin server.");
    assertThat(f.runbook()).isEqualTo(down502("shop").finding().orElseThrow().runbook());
    assertThat(f.evidence()).startsWith(
        "eu-west: DOWN 502 Bad Gateway (expected 200-399) [HTTP_502, hop origin]",
        "us-east: UP 200 OK",
        "ap-south: UP 200 OK");
    assertThat(shop.observed()).isEqualTo("eu-west: 502 Bad Gateway (expected 200-399)");
    assertThat(shop.vantages()).extracting(VantageResult::vantage, VantageResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eu-west", CheckStatus.DOWN),
            org.assertj.core.groups.Tuple.tuple("us-east", CheckStatus.UP),
            org.assertj.core.groups.Tuple.tuple("ap-south", CheckStatus.UP));
    assertThat(shop.vantages().get(0).code()).contains(FindingCode.http(502));
    assertThat(shop.vantages().get(1).code()).isEmpty();
    assertThat(check(outcome, "home").status()).isEqualTo(CheckStatus.UP);
    assertThat(check(outcome, "home").finding()).isEmpty();
    assertThat(outcome.run().down()).isEmpty();
    assertThat(outcome.run().vantage()).isEmpty();
    assertThat(outcome.vantages()).containsExactly("eu-west", "us-east", "ap-south");
  }

  @Test
  void theDefaultQuorumOfOneIsDownWhenAnyVantageSeesItDown() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu", "eu-west", null, down502("shop")),
        input("us", "us-east", null, up("shop"))), 1);

    CheckResult shop = check(outcome, "shop");
    assertThat(shop.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(shop.finding().orElseThrow().summary())
        .startsWith("DOWN from eu-west (us-east: UP): The origin fails");
  }

  @Test
  void reachingTheQuorumIsDown() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu", "eu-west", null, down502("shop")),
        input("us", "us-east", null, down502("shop")),
        input("ap", "ap-south", null, degraded("shop"))), 2);

    CheckResult shop = check(outcome, "shop");
    assertThat(shop.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(shop.finding().orElseThrow().summary())
        .startsWith("DOWN from eu-west, us-east (ap-south: DEGRADED): ");

    Outcome everywhere = Merge.merge(List.of(
        input("eu", "eu-west", null, down502("shop")),
        input("us", "us-east", null, down502("shop"))), 2);
    assertThat(check(everywhere, "shop").finding().orElseThrow().summary())
        .startsWith("DOWN from every vantage (eu-west, us-east): ");
  }

  @Test
  void aQuorumAboveTheVantagesThatRanACheckIsCappedAndWarned() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu", "eu-west", null, down502("shop"), down502("only-eu")),
        input("us", "us-east", null, down502("shop"))), 3);

    assertThat(check(outcome, "shop").status()).isEqualTo(CheckStatus.DOWN);
    assertThat(check(outcome, "only-eu").status()).isEqualTo(CheckStatus.DOWN);
    assertThat(outcome.warnings()).containsExactly(
        "<quorum> 3 is more than the 2 vantages merged: a check is DOWN when every vantage that"
            + " ran it sees it DOWN",
        "1 check was not run from every vantage: only-eu");
  }

  @Test
  void withoutDownADegradedVantageMakesItDegraded() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu", "eu-west", null, up("cdn")), input("us", "us-east", null, degraded("cdn"))), 2);

    CheckResult cdn = check(outcome, "cdn");
    assertThat(cdn.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(cdn.finding().orElseThrow().summary())
        .startsWith("DEGRADED from us-east (eu-west: UP): ");
  }

  @Test
  void oneNamedVantageKeepsItsChecksAndRecordsIt() throws MergeException {
    Outcome outcome = Merge.merge(List.of(
        input("eu-1", "eu-west", "1/2", down502("shop")),
        input("eu-2", "eu-west", "2/2", up("home"))), 2);

    assertThat(outcome.run().vantage()).contains("eu-west");
    CheckResult shop = check(outcome, "shop");
    assertThat(shop.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(shop.finding()).isEqualTo(down502("shop").finding());
    assertThat(shop.vantages()).singleElement()
        .satisfies(v -> assertThat(v.vantage()).isEqualTo("eu-west"));
  }

  @Test
  void theMergedRunSpansItsInputs() throws MergeException {
    Input early = input("eu", "eu-west", null, up("home"));
    Input late = new Input(Path.of("us"), new RunResult(T0.plusSeconds(10), 500,
        List.of(up("home")), Optional.of("us-east"), Optional.empty()));

    RunResult run = Merge.merge(List.of(late, early), 1).run();

    assertThat(run.startedAt()).isEqualTo(T0);
    assertThat(run.durationMs()).isEqualTo(10_500);
  }

  @Test
  void aQuorumBelowOneIsRejected() {
    assertThatThrownBy(() -> Merge.merge(List.of(input("a", null, null, up("home"))), 0))
        .hasMessage("<quorum> \"0\" must be at least 1");
  }

  @Test
  void readNamesEachMissingOrCorruptInputAndTheMergedFileReadsBack() throws Exception {
    Path good = Files.createDirectories(dir.resolve("eu"));
    new ResultsJson().write(input("eu", "eu-west", null, down502("shop")).run(),
        good.resolve(ResultsJson.FILE_NAME));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
    Files.writeString(corrupt.resolve(ResultsJson.FILE_NAME), "{\"schemaVersion\": 1, \"checks\": 3}");
    String before = Files.readString(corrupt.resolve(ResultsJson.FILE_NAME));

    assertThatThrownBy(() -> Merge.read(List.of(good, empty, corrupt, dir.resolve("missing"))))
        .isInstanceOf(MergeException.class)
        .hasMessageContaining("<mergeInputs> \"" + empty + "\" has no results.json")
        .hasMessageContaining("<mergeInputs> \"" + corrupt + "\": " + corrupt.resolve("results.json")
            + " is not a valid results.json: $.checks: expected an array")
        .hasMessageContaining("<mergeInputs> \"" + dir.resolve("missing") + "\" is not a directory");
    assertThat(Files.readString(corrupt.resolve(ResultsJson.FILE_NAME))).isEqualTo(before);
    assertThatThrownBy(() -> Merge.read(List.of(Path.of(dir + "/eu\nwest"))))
        .as("a line break in a path cannot split the message's line")
        .hasMessage("<mergeInputs> \"" + dir + "/eu\\nwest\" is not a directory");

    Path us = Files.createDirectories(dir.resolve("us"));
    new ResultsJson().write(input("us", "us-east", null, up("shop")).run(),
        us.resolve(ResultsJson.FILE_NAME));
    Outcome outcome = Merge.merge(Merge.read(List.of(good, us)), 2);
    Path merged = dir.resolve("merged/results.json");
    new ResultsJson().write(outcome.run(), merged);
    assertThat(new ResultsJson().read(merged)).isEqualTo(outcome.run());
  }

  @Test
  void noInputIsAnError() {
    assertThatThrownBy(() -> Merge.read(List.of())).hasMessageContaining("<mergeInputs> is empty");
  }
}
