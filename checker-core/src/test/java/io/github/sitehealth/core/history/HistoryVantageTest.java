package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vantage a run checked from, in its history line. */
class HistoryVantageTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @TempDir Path dir;

  private static RunResult run(Optional<String> vantage) {
    CheckResult c = new CheckResult("home", "http", "https://www.example.com/", CheckStatus.UP,
        "200 OK", Optional.empty(), List.of(new Attempt(1, T0, 40, Optional.of(200), "200 OK", true)),
        T0, 50);
    return new RunResult(T0, 70, List.of(c)).withLabels(vantage, Optional.empty());
  }

  @Test
  void aNamedVantageIsRecordedAndReadBack() throws IOException {
    HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"));
    store.append(run(Optional.of("eu-west")));

    assertThat(Files.readString(store.file())).contains("\"vantage\":\"eu-west\"");
    assertThat(store.read().entries()).singleElement()
        .satisfies(e -> assertThat(e.vantage()).contains("eu-west"));
  }

  @Test
  void aRunWithoutOneWritesTheLineAsBeforeAndOldLinesReadAsNone() throws IOException {
    HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"));
    store.append(run(Optional.empty()));
    assertThat(Files.readString(store.file())).doesNotContain("vantage");

    Path old = Files.writeString(dir.resolve("old.jsonl"),
        "{\"v\":1,\"startedAt\":\"2025-01-01T00:00:00Z\",\"durationMs\":5,\"checks\":"
            + "[{\"name\":\"home\",\"status\":\"UP\",\"latencyMs\":4,\"code\":null,\"hop\":null}]}\n",
        StandardCharsets.UTF_8);
    History h = new HistoryStore(old).read();
    assertThat(h.warnings()).isEmpty();
    assertThat(h.entries()).singleElement().satisfies(e -> assertThat(e.vantage()).isEmpty());
  }
}
