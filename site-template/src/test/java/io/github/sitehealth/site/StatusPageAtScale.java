package io.github.sitehealth.site;

import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Times the status page for many checks with a long history: a measurement to print, not a test.
 * Every check is a distinct name; one in ten flips between UP and DOWN, so "since" and the daily
 * bars see mixed runs. The history is built in memory (reading the file is not what is timed).
 * Run (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -pl checker-core,site-template test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp site-template/target/test-classes:site-template/target/classes:$(cat site-template/target/cp.txt) \
 *     io.github.sitehealth.site.StatusPageAtScale [checks] [runs] [rounds]
 * </pre>
 */
final class StatusPageAtScale {

  private StatusPageAtScale() {}

  public static void main(String[] args) throws Exception {
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Instant last = Fixtures.T0;
    List<HistoryEntry> history = new ArrayList<>();
    RunResult latest = null;
    for (int r = 0; r < runs; r++) {
      // One run every 6 hours: 400 runs span 100 days, more than the 90 days of bars.
      Instant at = last.minus(Duration.ofHours(6L * (runs - 1 - r)));
      RunResult run = run(at, checks, r);
      history.add(HistoryEntry.of(run));
      latest = run;
    }
    StatusPage page = new StatusPage(new PageTemplate(), RunbookLibrary.load(Optional.empty()));
    Path dir = Files.createTempDirectory("status-page-at-scale-");
    long indexBytes = 0;
    long allBytes = 0;
    int pages = 0;
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      // As SiteGenerator writes them: the history indexed once, each page streamed to its file.
      CheckHistory indexed = CheckHistory.of(history);
      List<StatusPage.Listing> listings = StatusPage.listings(latest);
      allBytes = 0;
      for (StatusPage.Listing listing : listings) {
        Path file = dir.resolve(listing.file());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          page.write(w, listing, latest, indexed, List.of(), "Scale", last);
        }
        allBytes += Files.size(file);
      }
      ms.add((System.nanoTime() - start) / 1_000_000);
      indexBytes = Files.size(dir.resolve("index.html"));
      pages = listings.size();
    }
    // The heap a render needs is best found by lowering -Xmx until it fails; this is only the cap.
    System.out.printf(Locale.ROOT, "status page, %d checks x %d runs: %s ms per round, index.html"
        + " %d KiB, %d pages %d KiB in all, max heap %d MB%n", checks, runs, ms, indexBytes / 1024,
        pages, allBytes / 1024, Runtime.getRuntime().maxMemory() >> 20);
  }

  private static RunResult run(Instant at, int checks, int index) {
    List<CheckResult> results = new ArrayList<>(checks);
    for (int c = 0; c < checks; c++) {
      String name = String.format(Locale.ROOT, "check-%05d", c);
      boolean flips = c % 10 == 0;
      boolean down = flips && (index / (1 + c % 7)) % 2 == 1;
      CheckResult result = down
          ? Fixtures.failing(name, CheckStatus.DOWN, "HTTP_502", Hop.ORIGIN)
          : Fixtures.up(name);
      results.add(Fixtures.withStatus(result, at, result.status()));
    }
    return new RunResult(at, 650, results);
  }
}
