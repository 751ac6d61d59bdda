package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM with SIGKILL while it appends to the history, again and again, and checks after
 * each kill that every line still reads and that the runs found are, in order, every run whose
 * append returned (acknowledged) and at most the runs whose append had started (attempted):
 * acknowledged &lt;= found &lt;= attempted. How far the child got before the kill depends on the
 * machine's load, so the model bounds it by what the child said, not by a fixed count.
 */
class HistoryCrashTest {

  private static final int KILLS = 15;

  @TempDir Path dir;

  /** The lock file a child killed while holding it leaves, until the next build on its history. */
  @AfterEach
  void removeLockFiles() throws IOException {
    for (String name : List.of("history.jsonl", "shared-history.jsonl")) {
      Files.deleteIfExists(new HistoryStore(dir.resolve(name)).lockFile());
    }
  }

  @Test
  void killingTheWriterNeverLosesOrCorruptsAnEarlierRun() throws Exception {
    Path file = dir.resolve("history.jsonl");
    int totalAcknowledged = killRepeatedly(file, KILLS, 1_000_000, 1, (kill, next, progress) -> {
      History history = new HistoryStore(file, 1_000_000).read();
      assertThat(history.warnings()).as("after kill %d: no corrupt line", kill + 1).isEmpty();
      List<Long> seconds = seconds(history);
      int acknowledged = progress.done;
      int attempted = progress.attempted;
      // Every acknowledged run is there; beyond them, only runs whose append had started (the
      // kill may come after an append is on disk and before it is acknowledged), never more.
      assertThat(seconds.size())
          .as("after kill %d: acknowledged %d, attempted %d, first %d, found %s, the child's last lines %s",
              kill + 1, acknowledged, attempted, next, seconds, progress.lastLines)
          .isBetween(acknowledged + 1, attempted + 1);
      for (int n = 0; n < seconds.size(); n++) {
        assertThat(seconds.get(n)).as("run %d in order", n).isEqualTo(n);
      }
      return seconds.size();
    });
    assertThat(totalAcknowledged).isGreaterThan(KILLS);
  }

  /**
   * Runs of 2,000 checks are lines of tens of KiB, which a kill can cut short: such a line was
   * never acknowledged, and is reported and kept; every acknowledged run is still there, in order.
   */
  @Test
  void killingTheWriterOfLongRecordsLosesNoAcknowledgedRun() throws Exception {
    Path file = dir.resolve("history.jsonl");
    List<String> kept = new ArrayList<>();
    int totalAcknowledged = killRepeatedly(file, 8, 1_000_000, 2000, (kill, next, progress) -> {
      History history = new HistoryStore(file, 1_000_000).read();
      List<Long> seconds = seconds(history);
      int acknowledged = progress.done;
      int attempted = progress.attempted;
      assertThat(seconds.size())
          .as("after kill %d: acknowledged %d, attempted %d, first %d, found %s",
              kill + 1, acknowledged, attempted, next, seconds)
          .isBetween(acknowledged + 1, attempted + 1);
      for (int n = 0; n < seconds.size(); n++) {
        assertThat(seconds.get(n)).as("run %d in order", n).isEqualTo(n);
      }
      // A line cut short stays, reported, through the appends of the next child.
      assertThat(history.warnings()).allSatisfy(w -> assertThat(w).contains("kept as it is"));
      assertThat(history.warnings()).hasSizeGreaterThanOrEqualTo(kept.size());
      kept.clear();
      kept.addAll(history.warnings());
      return seconds.size();
    });
    assertThat(totalAcknowledged).isGreaterThan(8);
  }

  /**
   * With a retention of 20 an append compacts the file every third run or so, so kills land in
   * compactions too: the file then still holds every acknowledged run within the retention, in
   * order, and nothing else.
   */
  @Test
  void killingTheWriterWhileItCompactsLosesNoRecentRun() throws Exception {
    Path file = dir.resolve("history.jsonl");
    int retention = 20;
    int threshold = new HistoryStore(file, retention).compactionThreshold();
    killRepeatedly(file, KILLS, retention, 1, (kill, next, progress) -> {
      History history = new HistoryStore(file, retention).read();
      assertThat(history.warnings()).as("after kill %d: no corrupt line", kill + 1).isEmpty();
      List<Long> seconds = seconds(history);
      int acknowledged = progress.done;
      int attempted = progress.attempted;
      long last = seconds.get(seconds.size() - 1);
      assertThat(last)
          .as("after kill %d: acknowledged %d, attempted %d, found %s", kill + 1, acknowledged, attempted, seconds)
          .isBetween((long) acknowledged, (long) attempted);
      // The newest runs, without a gap: at least the retention's worth (or all there were), and
      // at most the threshold plus the run whose append was cut short before its compaction.
      for (int n = 1; n < seconds.size(); n++) {
        assertThat(seconds.get(n)).as("after kill %d: %s", kill + 1, seconds).isEqualTo(seconds.get(n - 1) + 1);
      }
      assertThat(seconds.size()).isBetween((int) Math.min(retention, last + 1), threshold + 1);
      return (int) last + 1;
    });
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).count())
          .as("temporary files of killed compactions are removed by the next one, but the last")
          .isLessThanOrEqualTo(1);
    }
  }

  /** What is checked after each kill; returns the number of the run the next child starts with. */
  @FunctionalInterface
  private interface AfterKill {
    int check(int kill, int next, Progress progress) throws Exception;
  }

  /**
   * Starts a child appending from run 0, kills it mid-append, checks, and starts the next child
   * from the run the check says, {@code kills} times.
   *
   * @return the runs acknowledged by all children together
   */
  private int killRepeatedly(Path file, int kills, int retention, int checks, AfterKill afterKill)
      throws Exception {
    Random random = new Random(4711);
    int next = 0;
    int totalAcknowledged = 0;
    for (int kill = 0; kill < kills; kill++) {
      Process child = startAppender(file, next, HistoryAppender.MAX_APPENDS, retention, checks);
      Progress progress = new Progress();
      Thread reader = readProgress(child, progress);
      // Let it write a while, then kill it mid-append (SIGKILL on Linux: no shutdown hooks).
      waitForFirstAppend(progress, next);
      Thread.sleep(20 + random.nextInt(200));
      // Through the ProcessHandle: Process.destroyForcibly() also closes our end of the child's
      // stdout, dropping whatever the reader had not read yet, and on a busy machine the reader
      // lags: the child's last words would be lost and the runs it acknowledged undercounted.
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // The child is dead, so its output ends: read all of it, however slow this machine is.
      reader.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(reader.isAlive()).as("the child's output was read to its end").isFalse();
      assertThat(progress.done).as("the child appended before it was killed").isGreaterThanOrEqualTo(next);
      totalAcknowledged += progress.done - next + 1;
      next = afterKill.check(kill, next, progress);
    }
    return totalAcknowledged;
  }

  private static List<Long> seconds(History history) {
    return history.entries().stream().map(e -> e.startedAt().getEpochSecond() - 1_700_000_000L).toList();
  }

  @Test
  void twoBuildsAppendingAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("shared-history.jsonl");
    int each = 60;

    Process a = startAppender(file, 0, each);
    Process b = startAppender(file, 10_000, each);
    assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    History history = new HistoryStore(file, 1_000_000).read();
    assertThat(history.warnings()).isEmpty();
    assertThat(history.entries()).hasSize(2 * each);
    assertThat(history.entries().stream().map(e -> e.startedAt().getEpochSecond() - 1_700_000_000L))
        .containsAll(java.util.stream.LongStream.range(0, each).boxed().toList())
        .containsAll(java.util.stream.LongStream.range(10_000, 10_000 + each).boxed().toList());
  }

  @Test
  void twoBuildsAppendingAtOnceWhileCompactingKeepTheNewestRuns() throws Exception {
    Path file = dir.resolve("shared-history.jsonl");
    int each = 60;
    int retention = 30;

    Process a = startAppender(file, 0, each, retention, 1);
    Process b = startAppender(file, 10_000, each, retention, 1);
    assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    History history = new HistoryStore(file, retention).read();
    assertThat(history.warnings()).isEmpty();
    List<Long> seconds = seconds(history);
    assertThat(seconds).hasSizeBetween(retention, new HistoryStore(file, retention).compactionThreshold());
    assertThat(seconds.get(seconds.size() - 1)).as("%s", seconds).isIn((long) each - 1, 10_000L + each - 1);
    // Each build's runs that are kept are its newest, without a gap.
    for (long first : List.of(0L, 10_000L)) {
      List<Long> own = seconds.stream().filter(s -> s >= first && s < first + each).toList();
      for (int n = 0; n < own.size(); n++) {
        assertThat(own.get(n)).as("%s", seconds).isEqualTo(first + each - own.size() + n);
      }
    }
  }

  private static Process startAppender(Path file, int first, int count) throws IOException {
    return startAppender(file, first, count, 1_000_000, 1);
  }

  private static Process startAppender(Path file, int first, int count, int retention, int checks)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            HistoryAppender.class.getName(),
            file.toString(),
            Integer.toString(first),
            Integer.toString(count),
            Integer.toString(retention),
            Integer.toString(checks))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** What the child said: the last run whose append started, and the last that returned. */
  private static final class Progress {
    volatile int attempted = -1;
    volatile int done = -1;
    final java.util.Deque<String> lastLines = new java.util.concurrent.ConcurrentLinkedDeque<>();
  }

  private static Thread readProgress(Process child, Progress progress) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  progress.lastLines.add(line);
                  if (progress.lastLines.size() > 6) {
                    progress.lastLines.poll();
                  }
                  if (line.startsWith(HistoryAppender.ATTEMPT)) {
                    progress.attempted = Math.max(progress.attempted, number(line, HistoryAppender.ATTEMPT));
                  } else if (line.startsWith(HistoryAppender.DONE)) {
                    progress.done = Math.max(progress.done, number(line, HistoryAppender.DONE));
                  }
                }
              } catch (IOException e) {
                // the pipe broke with the child: what was read before stands
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The run number after the prefix, or -1 when it is not a number. Numbers only grow, and a line
   * the kill cut short is a prefix of a larger one, so the callers keep the largest.
   */
  private static int number(String line, String prefix) {
    try {
      return Integer.parseInt(line.substring(prefix.length()).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void waitForFirstAppend(Progress progress, int first) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (progress.done < first && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
