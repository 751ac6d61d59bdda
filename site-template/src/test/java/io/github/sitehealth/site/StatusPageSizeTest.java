package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The index of a large run stays small enough to open: 20,000 checks, 1,000 of them DOWN, each
 * of those with a month of daily runs that went down every other day, so that each has a full
 * latency line, failure marks and day slots of both kinds. The index lists the 1,000 in full
 * with their charts and links the UP checks' pages; it must stay at most 3 MiB.
 */
class StatusPageSizeTest {

  static final int CHECKS = 20_000;
  static final int FLAKY_EVERY = 20;
  static final int DAYS = 30;

  @Test
  void theIndexOf20000ChecksWith1000DownAndAMonthOfHistoryStaysUnder3MiB() throws IOException {
    Instant last = Fixtures.T0;
    List<HistoryEntry> history = new ArrayList<>();
    // Older runs hold the flaky checks only: the UP checks are not on the index, and leaving
    // them out keeps this test's own memory small.
    for (int day = DAYS - 1; day >= 1; day--) {
      Instant at = last.minus(Duration.ofDays(day));
      List<HistoryEntry.CheckSample> samples = new ArrayList<>();
      for (int c = 0; c < CHECKS; c += FLAKY_EVERY) {
        boolean down = day % 2 == 0;
        samples.add(new HistoryEntry.CheckSample(name(c), down ? CheckStatus.DOWN : CheckStatus.UP,
            down ? 10_000 : 100 + (c + day * 37) % 900, Optional.of("HTTP_502"), Optional.of(Hop.ORIGIN)));
      }
      history.add(new HistoryEntry(at, 650, samples));
    }
    List<CheckResult> checks = new ArrayList<>(CHECKS);
    for (int c = 0; c < CHECKS; c++) {
      checks.add(c % FLAKY_EVERY == 0
          ? Fixtures.failing(name(c), CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN)
          : Fixtures.up(name(c)));
    }
    RunResult run = new RunResult(last, 650, checks);
    history.add(HistoryEntry.of(run));

    StatusPage page = new StatusPage(new PageTemplate(), RunbookLibrary.load(Optional.empty()));
    StatusPage.Listing index = StatusPage.listings(run).get(0);
    assertThat(index.file()).isEqualTo("index.html");
    assertThat(index.checks()).hasSize(CHECKS / FLAKY_EVERY);
    CountingWriter out = new CountingWriter();
    page.write(out, index, run, CheckHistory.of(history), List.of(), "Scale", last);

    assertThat(out.bytes).as("index.html bytes").isLessThanOrEqualTo(3L * 1024 * 1024);
    assertThat(out.polylines).as("one latency line per listed check").isEqualTo(CHECKS / FLAKY_EVERY);
  }

  private static String name(int c) {
    return String.format(Locale.ROOT, "check-%05d", c);
  }

  /** Counts the UTF-8 bytes written and the latency lines, keeping nothing. */
  private static final class CountingWriter extends Writer {
    long bytes;
    int polylines;

    @Override
    public void write(char[] buf, int off, int len) {
      String s = new String(buf, off, len);
      bytes += s.getBytes(StandardCharsets.UTF_8).length;
      for (int i = s.indexOf("<polyline"); i >= 0; i = s.indexOf("<polyline", i + 1)) {
        polylines++;
      }
    }

    @Override
    public void write(String s, int off, int len) {
      String part = s.substring(off, off + len);
      write(part.toCharArray(), 0, part.length());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
