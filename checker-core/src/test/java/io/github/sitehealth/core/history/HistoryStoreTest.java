package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @TempDir Path dir;

  private static RunResult run(int minute, CheckStatus status) {
    Instant at = T0.plusSeconds(60L * minute);
    Optional<Finding> finding = status == CheckStatus.DOWN
        ? Optional.of(new Finding("HTTP_502", Hop.EDGE, "s", "runbooks/502-bad-gateway.html#edge-to-origin", List.of()))
        : Optional.empty();
    CheckResult c = new CheckResult("home", "http", "https://www.example.com/", status, "seen", finding,
        List.of(new Attempt(1, at, 40 + minute, Optional.of(200), "200 OK", true)), at, 50);
    return new RunResult(at, 70, List.of(c));
  }

  private static List<Instant> starts(History h) {
    return h.entries().stream().map(HistoryEntry::startedAt).toList();
  }

  @Test
  void absentFileIsAnEmptyHistory() throws IOException {
    History h = new HistoryStore(dir.resolve("none.jsonl")).read();
    assertThat(h.entries()).isEmpty();
    assertThat(h.warnings()).isEmpty();
  }

  @Test
  void appendsOneLinePerRunAndReadsThemBack() throws IOException {
    Path file = dir.resolve("sub/history.jsonl");
    HistoryStore store = new HistoryStore(file);
    assertThat(store.append(run(0, CheckStatus.UP))).isEmpty();
    assertThat(store.append(run(1, CheckStatus.DOWN))).isEmpty();

    assertThat(Files.readAllLines(file)).hasSize(2);
    History h = store.read();
    assertThat(starts(h)).containsExactly(T0, T0.plusSeconds(60));
    CheckSample down = h.entries().get(1).check("home").orElseThrow();
    assertThat(down).isEqualTo(new CheckSample("home", CheckStatus.DOWN, 41, Optional.of("HTTP_502"), Optional.of(Hop.EDGE)));
    assertThat(h.entries().get(0).check("home").orElseThrow().code()).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestRuns() throws IOException {
    HistoryStore store = new HistoryStore(dir.resolve("h.jsonl"), 3);
    for (int i = 0; i < 7; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    assertThat(starts(store.read()))
        .containsExactly(T0.plusSeconds(240), T0.plusSeconds(300), T0.plusSeconds(360));
    assertThat(Files.readAllLines(dir.resolve("h.jsonl"))).hasSize(3);
  }

  @Test
  void defaultRetentionIs500() {
    assertThat(HistoryStore.DEFAULT_RETENTION).isEqualTo(500);
  }

  @Test
  void retentionBelowOneIsRejected() {
    assertThatThrownBy(() -> new HistoryStore(dir.resolve("h.jsonl"), 0))
        .hasMessageContaining("at least 1");
  }

  @Test
  void corruptLinesAreReportedAndKeptVerbatim() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 2);
    store.append(run(0, CheckStatus.UP));
    byte[] garbage = "{\"v\":1,\"startedAt\":\"2025-03-01T00:01:00Z\",\"dur".getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    byte[] good = Files.readAllBytes(file);
    Files.write(file, concat(good, garbage, "\n".getBytes(StandardCharsets.UTF_8), notUtf8));

    History before = store.read();
    assertThat(before.entries()).hasSize(1);
    assertThat(before.warnings()).hasSize(2);
    assertThat(before.warnings().get(0)).contains("history.jsonl line 2").contains("kept");
    assertThat(before.warnings().get(1)).contains("line 3");

    // Appending past the retention drops old readable runs, never the unreadable lines.
    assertThat(store.append(run(1, CheckStatus.UP))).hasSize(2);
    assertThat(store.append(run(2, CheckStatus.UP))).hasSize(2);
    assertThat(store.append(run(3, CheckStatus.UP))).hasSize(2);

    byte[] after = Files.readAllBytes(file);
    assertThat(indexOf(after, garbage)).isNotNegative();
    assertThat(indexOf(after, notUtf8)).isNotNegative();
    History h = store.read();
    assertThat(starts(h)).containsExactly(T0.plusSeconds(120), T0.plusSeconds(180));
    assertThat(h.warnings()).hasSize(2);
  }

  @Test
  void aLastLineWithoutLineBreakIsKept() throws IOException {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, "torn tail");
    HistoryStore store = new HistoryStore(file);
    assertThat(store.append(run(0, CheckStatus.UP))).singleElement().asString().contains("line 1");
    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("torn tail");
  }

  @Test
  void wrongShapesAreCorruptNotFatal() throws IOException {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, String.join("\n",
        "[]",
        "{\"v\":3,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[]}",
        "{\"v\":1,\"startedAt\":\"yesterday\",\"durationMs\":1,\"checks\":[]}",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[{\"name\":\"a\",\"status\":\"SIDEWAYS\",\"latencyMs\":1}]}",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[{\"name\":\"a\",\"status\":\"UP\",\"latencyMs\":1,\"hop\":\"moon\"}]}",
        "",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[]}",
        ""));
    History h = new HistoryStore(file).read();
    assertThat(h.entries()).hasSize(1);
    assertThat(h.warnings()).hasSize(5);
    assertThat(h.warnings().get(1)).contains("unknown version 3");
    assertThat(h.warnings().get(3)).contains("SIDEWAYS");
  }

  @Test
  void wrongCompactShapesAreCorruptNotFatal() throws IOException {
    Path file = dir.resolve("history.jsonl");
    String head = "{\"v\":2,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,";
    Files.writeString(file, String.join("\n",
        head + "\"names\":\"a\",\"status\":\"U\",\"latencyMs\":[1],\"findings\":[]}",
        head + "\"names\":[\"a\",\"b\"],\"status\":\"U\",\"latencyMs\":[1,2],\"findings\":[]}",
        head + "\"names\":[\"a\"],\"status\":\"X\",\"latencyMs\":[1],\"findings\":[]}",
        head + "\"names\":[\"a\"],\"status\":\"U\",\"latencyMs\":[1.5],\"findings\":[]}",
        head + "\"names\":[\"a\"],\"status\":\"U\",\"latencyMs\":[1],\"findings\":[[1,\"HTTP_502\",\"edge\"]]}",
        head + "\"names\":[\"a\"],\"status\":\"D\",\"latencyMs\":[1],\"findings\":[[0,\"HTTP_502\",\"moon\"]]}",
        head + "\"names\":[\"a\"],\"status\":\"D\",\"latencyMs\":[1],\"findings\":[[0,\"A\",null],[0,\"B\",null]]}",
        head + "\"names\":[\"a\"],\"status\":\"D\",\"latencyMs\":[1],\"findings\":[[0,\"HTTP_502\"]]}",
        "{\"v\":2,\"startedAt\":\"2025-03-01T00:00:00Z\",\"names\":[],\"status\":\"\",\"latencyMs\":[]}",
        head + "\"names\":[\"a\"],\"status\":\"G\",\"latencyMs\":[1],\"findings\":[[0,null,\"dns\"]]}",
        ""));
    History h = new HistoryStore(file).read();
    assertThat(h.warnings()).hasSize(9);
    assertThat(h.warnings().get(0)).contains("line 1").contains("\"names\"");
    assertThat(h.warnings().get(1)).contains("line 2").contains("\"status\"");
    assertThat(h.warnings().get(2)).contains("unknown status 'X'");
    assertThat(h.warnings().get(3)).contains("\"latencyMs\"");
    assertThat(h.warnings().get(4)).contains("check index 1 of 1");
    assertThat(h.warnings().get(5)).contains("unknown hop \"moon\"");
    assertThat(h.warnings().get(6)).contains("two findings");
    assertThat(h.warnings().get(7)).contains("\"findings\"");
    assertThat(h.warnings().get(8)).contains("line 9").contains("\"durationMs\"");
    // A hop without a code, as the form allows.
    assertThat(h.entries()).singleElement().satisfies(e -> assertThat(e.checks()).containsExactly(
        new CheckSample("a", CheckStatus.DEGRADED, 1, Optional.empty(), Optional.of(Hop.DNS))));
  }

  @Test
  void everyFieldSurvivesTheCompactForm() throws IOException {
    List<CheckSample> checks = List.of(
        new CheckSample("home", CheckStatus.UP, 0, Optional.empty(), Optional.empty()),
        new CheckSample("api \"v2\" \u00fc \u2028 line\nbreak\ttab", CheckStatus.DOWN, Long.MAX_VALUE,
            Optional.of("HTTP_502"), Optional.of(Hop.ORIGIN)),
        new CheckSample("dns", CheckStatus.DEGRADED, 7, Optional.of("DNS_SLOW"), Optional.empty()),
        new CheckSample("home", CheckStatus.DOWN, 3, Optional.empty(), Optional.of(Hop.TLS)));
    HistoryEntry entry = new HistoryEntry(T0.plusNanos(123_456_789), 65_000, checks);
    Path file = dir.resolve("history.jsonl");
    new HistoryStore(file).append(entry);
    new HistoryStore(file).append(new HistoryEntry(T0.plusSeconds(1), 0, List.of()));

    assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"v\":2,"));
    History h = new HistoryStore(file).read();
    assertThat(h.warnings()).isEmpty();
    assertThat(h.entries()).containsExactly(entry, new HistoryEntry(T0.plusSeconds(1), 0, List.of()));
  }

  @Test
  void anAppendLeavesEveryEarlierByteAsItWas() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 100);
    for (int i = 0; i < 5; i++) {
      byte[] before = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      store.append(run(i, i % 2 == 0 ? CheckStatus.UP : CheckStatus.DOWN));
      byte[] after = Files.readAllBytes(file);
      assertThat(after.length).isGreaterThan(before.length);
      assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
      assertThat(after[after.length - 1]).isEqualTo((byte) '\n');
    }
  }

  @Test
  void compactsOnceTheFileHoldsTenPercentMoreThanTheRetention() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 20);
    assertThat(store.compactionThreshold()).isEqualTo(22);
    for (int i = 0; i < 22; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    assertThat(Files.readAllLines(file)).hasSize(22);
    assertThat(starts(store.read())).hasSize(22).first().isEqualTo(T0);

    store.append(run(22, CheckStatus.UP));

    assertThat(Files.readAllLines(file)).hasSize(20);
    assertThat(starts(store.read())).hasSize(20).first().isEqualTo(T0.plusSeconds(60L * 3));
    assertThat(starts(store.read())).last().isEqualTo(T0.plusSeconds(60L * 22));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("history.jsonl");
    }
  }

  @Test
  void aCompactionRemovesTheTemporaryFilesOfKilledOnes() throws IOException {
    Path file = dir.resolve("history.jsonl");
    Path leftover = Files.writeString(dir.resolve(".history.jsonl.0b6c1a9e.tmp"), "half a rewrite");
    Path other = Files.writeString(dir.resolve(".results.json.0b6c1a9e.tmp"), "not ours");
    HistoryStore store = new HistoryStore(file, 2);
    for (int i = 0; i < 3; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    assertThat(leftover).doesNotExist();
    assertThat(other).exists();
  }

  @Test
  void damagedRecordsInTheMiddleAndAtTheEndAreReportedAndKeptByteForByte() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 10);
    for (int i = 0; i < 4; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    byte[] middle = {'{', '"', 'v', '"', ':', '2', ',', (byte) 0xFF, (byte) 0xFE, 'x'};
    byte[] fifth = new HistoryCodec().encode(HistoryEntry.of(run(4, CheckStatus.DOWN)));
    // The last record cut short, as a kill during its write leaves it: no line break after it.
    byte[] torn = Arrays.copyOf(fifth, fifth.length / 2);
    Files.write(file, concat(Files.readAllBytes(file), middle, "\n".getBytes(StandardCharsets.UTF_8)),
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    store.append(run(5, CheckStatus.UP));
    Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);

    History h = store.read();
    assertThat(h.entries()).hasSize(5);
    assertThat(h.warnings()).hasSize(2);
    assertThat(h.warnings().get(0)).startsWith(file + " line 5 is not a run record").endsWith("it is kept as it is");
    assertThat(h.warnings().get(1)).startsWith(file + " line 7 is not a run record").contains("not JSON");

    // The next append names the line it ends, and starts its own on a new line.
    assertThat(store.append(run(6, CheckStatus.UP))).singleElement().asString().contains("line 7");
    List<byte[]> lines = lines(Files.readAllBytes(file));
    assertThat(lines).hasSize(8);
    assertThat(lines.get(4)).isEqualTo(middle);
    assertThat(lines.get(6)).isEqualTo(torn);
    assertThat(starts(store.read())).hasSize(6).last().isEqualTo(T0.plusSeconds(360));

    // Through compactions, until every readable run of that time has been dropped.
    for (int i = 7; i < 30; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    lines = lines(Files.readAllBytes(file));
    assertThat(lines).hasSizeBetween(12, 13);
    assertThat(lines.get(0)).isEqualTo(middle);
    assertThat(lines.get(1)).isEqualTo(torn);
    History after = store.read();
    assertThat(after.warnings()).hasSize(2);
    assertThat(after.warnings().get(0)).contains("line 1");
    assertThat(after.warnings().get(1)).contains("line 2");
    assertThat(starts(after)).hasSizeBetween(10, 11).last().isEqualTo(T0.plusSeconds(60L * 29));
  }

  @Test
  void aCompactionNamesEachDamagedLineByItsNumberInTheFileItLeaves() throws IOException {
    Path file = dir.resolve("history.jsonl");
    Files.writeString(file, String.join("\n",
        record(0), record(1), "damaged one", record(2), record(3), "damaged two", record(4), ""));
    HistoryStore store = new HistoryStore(file, 4);
    assertThat(store.read().warnings()).hasSize(2);

    // Six runs, past the 4 of the threshold: runs 0 and 1 go.
    List<String> warnings = store.append(run(5, CheckStatus.UP));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("damaged one");
    assertThat(lines.get(3)).isEqualTo("damaged two");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith(file + " line 1 is not a run record");
    assertThat(warnings.get(1)).startsWith(file + " line 4 is not a run record");
    // What the status page reads next says the same, word for word, so it can be shown once.
    assertThat(store.read().warnings()).isEqualTo(warnings);
  }

  /** Run i's line as the store writes it. */
  private static String record(int i) throws IOException {
    return new String(new HistoryCodec().encode(HistoryEntry.of(run(i, CheckStatus.UP))), StandardCharsets.UTF_8);
  }

  @Test
  void aDamagedLineStaysBetweenTheRunsAroundIt() throws Exception {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 5);
    for (int i = 0; i < 4; i++) {
      store.append(run(i, CheckStatus.UP));
    }
    Files.write(file, "damaged\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    for (int i = 4; i < 7; i++) {
      store.append(run(i, CheckStatus.UP));
    }

    // Runs 0 and 1 are dropped; the damaged line is still after run 3 and before run 4.
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(6);
    assertThat(lines.get(2)).isEqualTo("damaged");
    assertThat(starts(store.read())).containsExactly(T0.plusSeconds(120), T0.plusSeconds(180),
        T0.plusSeconds(240), T0.plusSeconds(300), T0.plusSeconds(360));
    assertThat(new HistoryCodec().decode(lines.get(1).getBytes(StandardCharsets.UTF_8)).startedAt())
        .isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void everyReportOfADamagedLineNamesTheLineItIsOnWhenReported() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 6);
    for (int i = 0; i < 40; i++) {
      if (i == 2 || i == 9) {
        Files.write(file, ("damaged at " + i + "\n").getBytes(StandardCharsets.UTF_8),
            java.nio.file.StandardOpenOption.APPEND);
      }
      List<String> appended = store.append(run(i, CheckStatus.UP));
      assertThat(appended).allSatisfy(w -> assertPointsAtADamagedLine(file, w));
      List<String> read = store.read().warnings();
      assertThat(read).hasSize(i < 9 ? (i < 2 ? 0 : 1) : 2)
          .allSatisfy(w -> assertPointsAtADamagedLine(file, w));
      if (!appended.isEmpty()) {
        assertThat(appended).isEqualTo(read);
      }
    }
  }

  /** The warning names the file and a line of it that is, now, one of the damaged ones. */
  private static void assertPointsAtADamagedLine(Path file, String warning) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile(java.util.regex.Pattern.quote(file.toString()) + " line (\\d+) is not a run record.*")
        .matcher(warning);
    assertThat(m.matches()).as(warning).isTrue();
    try {
      assertThat(Files.readAllLines(file).get(Integer.parseInt(m.group(1)) - 1))
          .as(warning).startsWith("damaged at ");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Blank lines hold no part of a run (an append that is cut short leaves at least the start of
   * its record), so they are not damage: never reported, counted in the line numbers as an editor
   * counts them, and dropped by a compaction.
   */
  @Test
  void blankLinesAreNotReportedAndACompactionDropsThem() throws IOException {
    Path file = dir.resolve("history.jsonl");
    HistoryStore store = new HistoryStore(file, 3);
    store.append(run(0, CheckStatus.UP));
    Files.write(file, "\n \t\r\ndamaged\n\n   ".getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.APPEND);

    assertThat(store.read().warnings()).singleElement().asString().startsWith(file + " line 4 ");
    // The last line is blank and without a line break: the append ends it, and says nothing.
    assertThat(store.append(run(1, CheckStatus.UP))).isEmpty();
    assertThat(store.append(run(2, CheckStatus.UP))).singleElement().asString().startsWith(file + " line 4 ");
    assertThat(store.read().warnings()).singleElement().asString().startsWith(file + " line 4 ");

    // Four runs, past the threshold of 3: the compaction drops run 0 and the blank lines.
    assertThat(store.append(run(3, CheckStatus.UP))).singleElement().asString().startsWith(file + " line 1 ");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("damaged");
    assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l).startsWith("{\"v\":2,"));
    assertThat(store.read().warnings()).singleElement().asString().startsWith(file + " line 1 ");
  }

  @Test
  void warningsAndErrorsNameTheHistoryByItsFullPath() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("history.jsonl"));
    Files.writeString(relative, "damaged\n");
    HistoryStore store = new HistoryStore(relative, 10, Duration.ofMillis(100));
    Path full = relative.toAbsolutePath();
    assertThat(store.read().warnings()).singleElement().asString()
        .startsWith(full + " line 1 is not a run record");

    try (var channel = java.nio.channels.FileChannel.open(store.lockFile(),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      assertThatThrownBy(() -> store.append(run(0, CheckStatus.UP)))
          .hasMessageContaining(full.toString())
          .hasMessageContaining("waiting for the lock");
    }
    // Its holder here is not a store, which would have removed it.
    Files.delete(store.lockFile());
    Path directory = Files.createDirectories(dir.resolve("a-directory.jsonl"));
    assertThatThrownBy(() -> new HistoryStore(directory).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(directory.toString());
  }

  @Test
  void readsAHistoryWrittenBeforeTheCompactForm() throws IOException {
    Path file = formerHistory();
    History h = new HistoryStore(file).read();
    assertThat(h.warnings()).isEmpty();
    assertThat(h.entries()).containsExactlyElementsOf(formerEntries());
  }

  @Test
  void appendingToAFormerHistoryKeepsItsLinesAndAddsCompactOnes() throws IOException {
    Path file = formerHistory();
    List<String> former = Files.readAllLines(file);
    HistoryStore store = new HistoryStore(file);
    assertThat(store.append(run(0, CheckStatus.DOWN))).isEmpty();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.subList(0, 4)).isEqualTo(former);
    assertThat(lines.get(4)).startsWith("{\"v\":2,");
    History h = store.read();
    assertThat(h.warnings()).isEmpty();
    assertThat(h.entries()).hasSize(5).startsWith(formerEntries().toArray(HistoryEntry[]::new));
    assertThat(h.entries().get(4)).isEqualTo(HistoryEntry.of(run(0, CheckStatus.DOWN)));
  }

  @Test
  void aCompactionCarriesFormerLinesOverInTheCompactForm() throws IOException {
    Path file = formerHistory();
    Files.write(file, "not a run\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    HistoryStore store = new HistoryStore(file, 3);
    // Line 5 before; line 3 of the file the compaction leaves, which is what the user opens.
    assertThat(store.append(run(0, CheckStatus.UP))).singleElement().asString().contains("line 3 ");

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 2)).allSatisfy(l -> assertThat(l).startsWith("{\"v\":2,"));
    assertThat(lines.get(2)).isEqualTo("not a run");
    History h = store.read();
    assertThat(h.entries()).containsExactly(
        formerEntries().get(2), formerEntries().get(3), HistoryEntry.of(run(0, CheckStatus.UP)));
  }

  @Test
  void aHistoryTheFormerStoreWroteIsCarriedOverWhole() throws IOException {
    Path file = dir.resolve("history.jsonl");
    RewritingHistoryStore former = new RewritingHistoryStore(file, 500);
    List<HistoryEntry> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      RunResult run = run(i, i % 3 == 0 ? CheckStatus.DOWN : CheckStatus.UP);
      former.append(run);
      expected.add(HistoryEntry.of(run));
    }
    assertThat(Files.readAllLines(file)).allSatisfy(l -> assertThat(l).startsWith("{\"v\":1,"));

    HistoryStore store = new HistoryStore(file, 25);
    assertThat(store.read().entries()).isEqualTo(expected);

    // 31 runs: past the 27 of retention + 10 %, so the append compacts the file.
    assertThat(store.append(run(30, CheckStatus.DOWN))).isEmpty();
    expected.add(HistoryEntry.of(run(30, CheckStatus.DOWN)));
    assertThat(Files.readAllLines(file)).hasSize(25)
        .allSatisfy(l -> assertThat(l).startsWith("{\"v\":2,"));
    assertThat(store.read().entries()).isEqualTo(expected.subList(6, 31));

    for (int i = 31; i < 33; i++) {
      assertThat(store.append(run(i, CheckStatus.UP))).isEmpty();
      expected.add(HistoryEntry.of(run(i, CheckStatus.UP)));
    }
    History h = store.read();
    assertThat(h.warnings()).isEmpty();
    assertThat(h.entries()).isEqualTo(expected.subList(6, 33));
  }

  @Test
  void aLargeFormerHistoryIsRewrittenInTheCompactFormByTheFirstAppend() throws IOException {
    Path file = dir.resolve("history.jsonl");
    RewritingHistoryStore former = new RewritingHistoryStore(file, 500);
    List<HistoryEntry> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add(manyChecks(i, 200));
      former.append(expected.get(i));
    }
    long formerSize = Files.size(file);

    // 11 runs, well within the retention, but larger than 22 compact ones: the append counts the
    // lines, finds the first form, and carries the file over.
    HistoryStore store = new HistoryStore(file, 20);
    expected.add(manyChecks(10, 200));
    assertThat(store.append(expected.get(10))).isEmpty();

    assertThat(Files.readAllLines(file)).hasSize(11).allSatisfy(l -> assertThat(l).startsWith("{\"v\":2,"));
    assertThat(Files.size(file)).isLessThan(formerSize / 2);
    assertThat(store.read().entries()).isEqualTo(expected);
  }

  private static HistoryEntry manyChecks(int run, int checks) {
    List<CheckSample> samples = new ArrayList<>();
    for (int c = 0; c < checks; c++) {
      samples.add(c % 7 == 0
          ? new CheckSample("check-" + c, CheckStatus.DOWN, 30_000, Optional.of("HTTP_502"), Optional.of(Hop.ORIGIN))
          : new CheckSample("check-" + c, CheckStatus.UP, 20 + c + run, Optional.empty(), Optional.empty()));
    }
    return new HistoryEntry(T0.plusSeconds(3600L * run), 1_000, samples);
  }

  /** A copy of a history.jsonl that the store wrote before the compact form: four runs. */
  private Path formerHistory() throws IOException {
    Path file = dir.resolve("history.jsonl");
    try (var in = HistoryStoreTest.class.getResourceAsStream("history-v1.jsonl")) {
      Files.copy(in, file);
    }
    return file;
  }

  /** The runs of {@link #formerHistory()}, as they were appended. */
  private static List<HistoryEntry> formerEntries() {
    List<HistoryEntry> entries = new ArrayList<>();
    String api = "api \"v2\" \u00fc\u00e9 \u2013 tab\there";
    for (int i = 0; i < 4; i++) {
      boolean odd = i % 2 == 1;
      entries.add(new HistoryEntry(T0.plusSeconds(6L * 3600 * i), 700 + i, List.of(
          new CheckSample("home", CheckStatus.UP, 40 + i, Optional.empty(), Optional.empty()),
          new CheckSample(api, odd ? CheckStatus.DOWN : CheckStatus.UP, 120 + i,
              odd ? Optional.of("HTTP_502") : Optional.empty(), odd ? Optional.of(Hop.EDGE) : Optional.empty()),
          new CheckSample("dns-www", i == 2 ? CheckStatus.DEGRADED : CheckStatus.UP, 7,
              i == 2 ? Optional.of("DNS_SLOW") : Optional.empty(), i == 2 ? Optional.of(Hop.DNS) : Optional.empty()))));
    }
    return entries;
  }

  /** The lines of the content, without their line breaks; a last line without one too. */
  private static List<byte[]> lines(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i > start) {
          lines.add(Arrays.copyOfRange(content, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  @Test
  void concurrentAppendsLoseNothing() throws Exception {
    Path file = dir.resolve("history.jsonl");
    int threads = 6;
    int perThread = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        Callable<List<String>> job = () -> {
          // a store per thread, like separate builds sharing one file
          HistoryStore store = new HistoryStore(file, 1000, Duration.ofSeconds(30));
          List<String> warnings = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            warnings.addAll(store.append(run(base + i, CheckStatus.UP)));
          }
          return warnings;
        };
        futures.add(pool.submit(job));
      }
      for (Future<List<String>> f : futures) {
        assertThat(f.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(new HistoryStore(file).read().entries()).hasSize(threads * perThread);
  }

  @Test
  void concurrentAppendsWhileCompactingKeepEachWritersNewestRuns() throws Exception {
    Path file = dir.resolve("history.jsonl");
    int threads = 4;
    int perThread = 15;
    int retention = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * 100;
        futures.add(pool.submit(() -> {
          HistoryStore store = new HistoryStore(file, retention, Duration.ofSeconds(30));
          List<String> warnings = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            warnings.addAll(store.append(run(base + i, CheckStatus.UP)));
          }
          return warnings;
        }));
      }
      for (Future<List<String>> f : futures) {
        assertThat(f.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    History h = new HistoryStore(file, retention).read();
    assertThat(h.warnings()).isEmpty();
    List<Long> minutes = h.entries().stream()
        .map(e -> Duration.between(T0, e.startedAt()).toMinutes()).toList();
    assertThat(minutes).hasSizeBetween(retention, new HistoryStore(file, retention).compactionThreshold());
    assertThat(minutes.get(minutes.size() - 1) % 100).as("%s", minutes).isEqualTo(perThread - 1);
    // Each writer's runs that are kept are its newest, without a gap.
    for (int t = 0; t < threads; t++) {
      long base = t * 100L;
      List<Long> own = minutes.stream().filter(m -> m >= base && m < base + 100).toList();
      for (int n = 0; n < own.size(); n++) {
        assertThat(own.get(n)).as("%s", minutes).isEqualTo(base + perThread - own.size() + n);
      }
    }
  }

  @Test
  void theLockIsNotInTheHistorysDirectoryAndEveryPathToTheFileSharesIt() throws IOException {
    Path published = Files.createDirectories(dir.resolve("site"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), published);
    HistoryStore store = new HistoryStore(published.resolve("history.jsonl"), 10);
    store.append(run(0, CheckStatus.UP));

    try (var files = Files.list(published)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("history.jsonl");
    }
    assertThat(store.lockFile().startsWith(dir.toRealPath())).isFalse();
    assertThat(store.lockFile())
        .isEqualTo(new HistoryStore(link.resolve("history.jsonl")).lockFile())
        .isEqualTo(new HistoryStore(dir.resolve("site/../site/history.jsonl")).lockFile())
        .isNotEqualTo(new HistoryStore(dir.resolve("other/history.jsonl")).lockFile());
    assertThat(store.lockFile().getFileName().toString()).matches("history\\.jsonl-[0-9a-f]{16}\\.lock");
  }

  @Test
  void lockTimeoutIsReported() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Path lockFile = new HistoryStore(file).lockFile();
    try (var channel = java.nio.channels.FileChannel.open(lockFile,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      HistoryStore store = new HistoryStore(file, 10, Duration.ofMillis(100));
      assertThatThrownBy(() -> store.append(run(0, CheckStatus.UP)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("waiting for the lock");
    }
    assertThat(Files.exists(file)).isFalse();
    Files.delete(lockFile);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
