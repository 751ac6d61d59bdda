package io.github.sitehealth.plugin;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.plugin.testing.RecordingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class MergeMojoTest {

  private static final String MERGE_POM = "src/test/resources/unit/merge/pom.xml";
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;

  private static CheckResult check(String name, CheckStatus status) {
    Optional<Finding> finding = status == CheckStatus.DOWN
        ? Optional.of(new Finding("HTTP_502", Hop.ORIGIN, "The origin fails.",
            "runbooks/502-bad-gateway.html#origin-unreachable", List.of()))
        : Optional.empty();
    return new CheckResult(name, "http", "https://" + name + ".example.com/", status,
        status == CheckStatus.DOWN ? "502 Bad Gateway" : "200 OK", finding,
        List.of(new Attempt(1, T0, 10, Optional.empty(), "x", status != CheckStatus.DOWN)), T0, 10);
  }

  /** Writes one run's results.json into its own directory. */
  private File input(String name, String vantage, String shard, CheckResult... checks)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve(name));
    new ResultsJson().write(new RunResult(T0, 100, List.of(checks), Optional.of(vantage),
        Optional.of(Shard.parse(shard))), out.resolve(ResultsJson.FILE_NAME));
    return out.toFile();
  }

  private void configure(MergeMojo mojo, int quorum, File... inputs) throws Exception {
    setVariableValueToObject(mojo, "mergeInputs", inputs);
    setVariableValueToObject(mojo, "quorum", quorum);
    setVariableValueToObject(mojo, "outputDirectory", dir.resolve("merged").toFile());
    setVariableValueToObject(mojo, "historyFile", dir.resolve("merged/history.jsonl").toFile());
  }

  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void readsTheQuorumFromThePom(MergeMojo mojo) throws Exception {
    assertThat((Integer) org.apache.maven.api.plugin.testing.MojoExtension
        .getVariableValueFromObject(mojo, "quorum")).isEqualTo(2);
  }

  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void belowTheQuorumTheBuildPassesWithADegradedCheckAndOnePage(MergeMojo mojo) throws Exception {
    configure(mojo, 2,
        input("eu-1", "eu-west", "1/2", check("shop", CheckStatus.DOWN)),
        input("eu-2", "eu-west", "2/2", check("home", CheckStatus.UP)),
        input("us-1", "us-east", "1/2", check("shop", CheckStatus.UP)),
        input("us-2", "us-east", "2/2", check("home", CheckStatus.UP)));

    mojo.execute();

    RunResult merged = new ResultsJson().read(dir.resolve("merged/results.json"));
    assertThat(merged.checks()).extracting(CheckResult::name).containsExactly("shop", "home");
    CheckResult shop = merged.checks().get(0);
    assertThat(shop.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(shop.finding().orElseThrow().summary())
        .startsWith("DOWN from eu-west only (us-east: UP), below the quorum of 2");
    assertThat(dir.resolve("merged/index.html")).isRegularFile();
    assertThat(dir.resolve("merged/TEST-site-health.xml")).isRegularFile();
    assertThat(Files.readAllLines(dir.resolve("merged/history.jsonl"))).hasSize(1);
  }

  /**
   * The append compacts the history and the status page reads it after: the damaged line is one
   * warning, numbered as it is in the file the build leaves, named by the file's full path.
   */
  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void aDamagedHistoryLineIsReportedOnceByItsLineInTheFileLeft(MergeMojo mojo) throws Exception {
    configure(mojo, 1, input("eu", "eu-west", "1/1", check("shop", CheckStatus.UP)));
    setVariableValueToObject(mojo, "historyRetention", 2);
    Path history = dir.resolve("merged/history.jsonl");
    HistoryStore store = new HistoryStore(history, 1_000);
    for (int i = 1; i <= 3; i++) {
      store.append(new HistoryEntry(T0.minusSeconds(3600L * (4 - i)), 100, List.of(
          new HistoryEntry.CheckSample("shop", CheckStatus.UP, 10, Optional.empty(), Optional.empty()))));
      if (i == 2) {
        Files.writeString(history, "damaged\n", StandardOpenOption.APPEND);
      }
    }
    List<String> warnings = new ArrayList<>();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });

    mojo.execute();

    // Runs 1 and 2 are dropped: the damaged line, line 3 before, is line 1 now.
    assertThat(Files.readAllLines(history)).hasSize(3).first().isEqualTo("damaged");
    assertThat(warnings).filteredOn(w -> w.contains("is not a run record")).singleElement()
        .asString().startsWith("site-health: " + history.toAbsolutePath() + " line 1 is not a run record");
  }

  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void withQuorumOneTheBuildFails(MergeMojo mojo) throws Exception {
    configure(mojo, 1,
        input("eu", "eu-west", "1/1", check("shop", CheckStatus.DOWN)),
        input("us", "us-east", "1/1", check("shop", CheckStatus.UP)));

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("shop")
        .hasMessageContaining("DOWN from eu-west (us-east: UP): The origin fails.");
    assertThat(dir.resolve("merged/results.json")).isRegularFile();
  }

  /** As for verify: the summary line ends the failure report, and is not logged before it. */
  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void theSummaryLineOfAFailingMergeIsSaidOnce(MergeMojo mojo) throws Exception {
    configure(mojo, 1,
        input("eu", "eu-west", "1/1", check("shop", CheckStatus.DOWN)),
        input("us", "us-east", "1/1", check("shop", CheckStatus.UP)));
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);

    MojoFailureException failure = catchThrowableOfType(MojoFailureException.class, mojo::execute);

    assertThat(log.count("site-health: 1 check, 0 UP, 0 DEGRADED, 1 DOWN", failure.getMessage()))
        .isEqualTo(1);
  }

  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void aMissingOrCorruptInputIsNamedAndNothingIsWritten(MergeMojo mojo) throws Exception {
    File good = input("eu", "eu-west", "1/1", check("shop", CheckStatus.UP));
    Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
    Files.writeString(corrupt.resolve("results.json"), "not json");
    configure(mojo, 1, good, corrupt.toFile(), dir.resolve("absent").toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining(corrupt.resolve("results.json") + " is not valid JSON")
        .hasMessageContaining("\"" + dir.resolve("absent") + "\" is not a directory");
    assertThat(Files.readString(corrupt.resolve("results.json"))).isEqualTo("not json");
    assertThat(dir.resolve("merged")).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "merge", pom = MERGE_POM)
  void theOutputDirectoryCannotBeAnInput(MergeMojo mojo) throws Exception {
    File eu = input("eu", "eu-west", "1/1", check("shop", CheckStatus.UP));
    configure(mojo, 1, eu);
    setVariableValueToObject(mojo, "outputDirectory", eu);

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("is the <outputDirectory> the merged results are written to");
  }
}
