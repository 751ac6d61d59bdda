package io.github.sitehealth.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

  @Test
  void killingTheWriterNeverLosesOrCorruptsAnEarlierRun() throws Exception {
    Path file = dir.resolve("history.jsonl");
    Random random = new Random(4711);
    int next = 0;
    int totalAcknowledged = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = startAppender(file, next);
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

      History history = new HistoryStore(file, 1_000_000).read();
      assertThat(history.warnings()).as("after kill %d: no corrupt line", kill + 1).isEmpty();
      List<Long> seconds =
          history.entries().stream().map(e -> e.startedAt().getEpochSecond() - 1_700_000_000L).toList();
      int acknowledged = progress.done;
      int attempted = progress.attempted;
      assertThat(acknowledged).as("the child appended before it was killed").isGreaterThanOrEqualTo(next);
      // Every acknowledged run is there; beyond them, only runs whose append had started (the
      // kill may come after an append is on disk and before it is acknowledged), never more.
      assertThat(seconds.size())
          .as("after kill %d: acknowledged %d, attempted %d, first %d, found %s, the child's last lines %s",
              kill + 1, acknowledged, attempted, next, seconds, progress.lastLines)
          .isBetween(acknowledged + 1, attempted + 1);
      for (int n = 0; n < seconds.size(); n++) {
        assertThat(seconds.get(n)).as("run %d in order", n).isEqualTo(n);
      }
      totalAcknowledged += acknowledged - next + 1;
      next = seconds.size();
    }
    assertThat(totalAcknowledged).isGreaterThan(KILLS);
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

  private static Process startAppender(Path file, int first) throws IOException {
    return startAppender(file, first, HistoryAppender.MAX_APPENDS);
  }

  private static Process startAppender(Path file, int first, int count) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            HistoryAppender.class.getName(),
            file.toString(),
            Integer.toString(first),
            Integer.toString(count))
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
