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
        "{\"v\":2,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[]}",
        "{\"v\":1,\"startedAt\":\"yesterday\",\"durationMs\":1,\"checks\":[]}",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[{\"name\":\"a\",\"status\":\"SIDEWAYS\",\"latencyMs\":1}]}",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[{\"name\":\"a\",\"status\":\"UP\",\"latencyMs\":1,\"hop\":\"moon\"}]}",
        "",
        "{\"v\":1,\"startedAt\":\"2025-03-01T00:00:00Z\",\"durationMs\":1,\"checks\":[]}",
        ""));
    History h = new HistoryStore(file).read();
    assertThat(h.entries()).hasSize(1);
    assertThat(h.warnings()).hasSize(5);
    assertThat(h.warnings().get(3)).contains("SIDEWAYS");
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
  void lockTimeoutIsReported() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Path lockFile = dir.resolve("history.jsonl.lock");
    try (var channel = java.nio.channels.FileChannel.open(lockFile,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      HistoryStore store = new HistoryStore(file, 10, Duration.ofMillis(100));
      assertThatThrownBy(() -> store.append(run(0, CheckStatus.UP)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("waiting for the lock");
    }
    assertThat(Files.exists(file)).isFalse();
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
