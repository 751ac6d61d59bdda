package io.github.sitehealth.site;

import io.github.sitehealth.core.history.History;
import io.github.sitehealth.core.history.HistoryEntry;
import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.report.AtomicFiles;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Builds the static site from a run's results: {@code index.html} (the status page),
 * {@code runbooks/*.html} (the troubleshooting docs) and {@code badges/*.svg}. This is what the
 * {@code site} and {@code report} goals call.
 */
public final class SiteGenerator {

  public static final String INDEX = "index.html";

  private final Clock clock;

  public SiteGenerator() {
    this(Clock.systemUTC());
  }

  /**
   * Does now what every generation's first page would otherwise wait for: parsing the page
   * templates (about 0.1 s in a cold JVM). For a caller with a thread to spare before it
   * generates, e.g. while its checks run; a problem with the templates is reported by the
   * generation, not here.
   */
  public static void prepare() {
    try {
      PageTemplate.prepare();
    } catch (RuntimeException e) {
      // the generation parses them again and fails with the same message, where it is reported
    }
  }

  /** @param clock for the "generated at" time on the pages */
  public SiteGenerator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Writes the site.
   *
   * @throws MissingResultsException when there is no results.json (and the request holds no run
   *     in memory): the checks have not run
   * @throws IOException when results.json cannot be read or a file cannot be written
   */
  public SiteResult generate(SiteRequest request) throws IOException {
    RunResult run = request.run().isPresent() ? request.run().get() : read(request.resultsJson());
    List<String> warnings = new ArrayList<>();
    List<HistoryEntry> history = history(request, run, warnings);

    RunbookLibrary library = request.library().isPresent()
        ? request.library().get()
        : RunbookLibrary.load(request.teamRunbooks());
    warnings.addAll(library.warnings());
    // Flexmark is loaded only when there are incidents (or team runbooks) to render.
    Incidents.Loaded incidents = Incidents.load(request.incidents());
    warnings.addAll(incidents.warnings());

    Instant now = clock.instant();
    PageTemplate template = new PageTemplate();
    Path out = request.outputDirectory();
    Output output = new Output(out);
    // The runbook pages, the pages for failing checks and the badges do not depend on the status
    // page: they are written on a thread of their own meanwhile (2,000 badges are 2,000 files to
    // create, which costs the kernel more than writing them).
    FutureTask<List<Path>> docs = new FutureTask<>(
        () -> writeDocsAndBadges(output, template, library, run, now));
    Thread aside = new Thread(docs, "site-health-pages");
    aside.setDaemon(true);
    aside.start();
    List<Path> written = new ArrayList<>();
    boolean joined = false;
    try {
      written.addAll(writeStatus(output, template, library, run, history, incidents, request, now));
      written.addAll(join(docs));
      joined = true;
    } finally {
      if (!joined) {
        aside.interrupt();
      }
      awaitEnd(aside);
    }
    removeStale(out.resolve("runbooks"), ".html", written);
    removeStale(out.resolve(CheckPage.DIRECTORY), ".html", written);
    removeStale(out, UP_PAGE, written);
    removeStale(out.resolve(Badges.DIRECTORY), ".svg", written);
    return new SiteResult(written, warnings);
  }

  /** {@code index.html} (and the pages of UP checks of a large run), status.json and the feed. */
  private static List<Path> writeStatus(Output output, PageTemplate template,
      RunbookLibrary library, RunResult run, List<HistoryEntry> history,
      Incidents.Loaded incidents, SiteRequest request, Instant now) throws IOException {
    Path out = request.outputDirectory();
    List<Path> written = new ArrayList<>();
    StatusPage statusPage = new StatusPage(template, library);
    CheckHistory indexed = CheckHistory.of(history);
    for (StatusPage.Listing listing : StatusPage.listings(run)) {
      written.add(output.write(out.resolve(listing.file()), (Page) w -> statusPage.write(
          w, listing, run, indexed, incidents.incidents(), request.title(), now)));
    }
    written.add(output.write(out.resolve(StatusData.FILE_NAME), (OutputStreamPage) o ->
        StatusData.write(o, run, indexed, incidents.incidents(), library, now)));
    written.add(output.write(out.resolve(StatusFeed.FILE_NAME), (OutputStreamPage) o ->
        StatusFeed.write(o, request.title(), indexed, incidents.incidents(), now)));
    return written;
  }

  /** The runbook pages, their search page, a page per failing check and the badges. */
  private static List<Path> writeDocsAndBadges(Output output, PageTemplate template,
      RunbookLibrary library, RunResult run, Instant now) throws IOException {
    Path out = output.out;
    List<Path> written = new ArrayList<>();
    List<Runbook> all = library.runbooks();
    // The default library's pages as the build wrote them, when the team has none of its own.
    RunbookPage pages = null;
    // The search page's entries, read by each page written here from the content it parses
    List<SearchPage.Entry> entries = new ArrayList<>();
    boolean everyPageWritten = true;
    for (Runbook runbook : all) {
      Optional<String> prebuilt = library.prebuiltPage(runbook.pageName(), now);
      String page;
      if (prebuilt.isPresent()) {
        page = prebuilt.get();
        everyPageWritten = false;
      } else {
        if (pages == null) {
          pages = new RunbookPage(template, all, library::content);
        }
        RunbookPage.Written w = pages.write(runbook, now);
        entries.addAll(w.entries());
        page = w.page();
      }
      written.add(output.write(out.resolve("runbooks").resolve(runbook.pageName()), page));
    }
    Optional<String> search = library.prebuiltPage(SearchPage.FILE_NAME, now);
    written.add(output.write(out.resolve("runbooks").resolve(SearchPage.FILE_NAME), search.isPresent()
        ? search.get()
        : new SearchPage(template).render(all, everyPageWritten ? entries : SearchPage.entries(all), now)));
    CheckPage checkPages = new CheckPage(template, library);
    for (CheckResult check : run.checks()) {
      if (CheckPage.applies(library, check)) {
        written.add(output.write(out.resolve(CheckPage.link(check)), checkPages.render(check, now)));
      }
    }
    Path badges = out.resolve(Badges.DIRECTORY);
    written.add(output.writeIfChanged(badges.resolve(Badges.OVERALL + ".svg"),
        Badges.overall(OverallStatus.of(run))));
    Set<String> taken = new HashSet<>();
    for (CheckResult check : run.checks()) {
      written.add(output.writeIfChanged(badges.resolve(Badges.fileName(check.name(), taken)),
          Badges.check(check.name(), check.status())));
    }
    return written;
  }

  /** What the other thread wrote, or what it threw. */
  private static List<Path> join(FutureTask<List<Path>> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the pages were written");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Waits for the other thread to end, so that no file is being written after {@code generate}
   * returns or throws: after a failure here it was interrupted, which ends a write in progress
   * (the file is then as it was), but a wait on a stuck file system is bounded all the same.
   */
  private static void awaitEnd(Thread aside) {
    try {
      aside.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes the pages or badges an earlier run wrote that this one did not (a check or a team
   * runbook that was removed), so a published directory shows no stale status. Only files of the
   * given kind directly in the directory, and never through a link.
   */
  private static void removeStale(Path dir, String suffix, List<Path> written) throws IOException {
    removeStale(dir, Pattern.compile(".*" + Pattern.quote(suffix)), written);
  }

  /** The pages of UP checks a large run writes beside the index. */
  private static final Pattern UP_PAGE = Pattern.compile("up-\\d+\\.html");

  private static void removeStale(Path dir, Pattern names, List<Path> written) throws IOException {
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Set<Path> keep = new HashSet<>();
    written.forEach(p -> keep.add(p.toAbsolutePath().normalize()));
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        boolean ours = names.matcher(file.getFileName().toString()).matches()
            && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (ours && !keep.contains(file.toAbsolutePath().normalize())) {
          Files.delete(file);
        }
      }
    }
  }

  private static RunResult read(Path resultsJson) throws IOException {
    Path resultsFile = Files.isDirectory(resultsJson)
        ? resultsJson.resolve(ResultsJson.FILE_NAME)
        : resultsJson;
    if (!Files.isRegularFile(resultsFile)) {
      throw new MissingResultsException(resultsFile.toAbsolutePath().getParent());
    }
    return new ResultsJson().read(resultsFile);
  }

  /** The recorded runs plus the latest one, unless the history already has it. */
  private static List<HistoryEntry> history(SiteRequest request, RunResult run, List<String> warnings)
      throws IOException {
    List<HistoryEntry> entries = new ArrayList<>();
    if (request.historyFile().isPresent()) {
      History history = new HistoryStore(request.historyFile().get()).read();
      warnings.addAll(history.warnings());
      entries.addAll(history.entries());
    }
    if (entries.stream().noneMatch(e -> e.startedAt().equals(run.startedAt()))) {
      entries.add(HistoryEntry.of(run));
    }
    return entries;
  }

  /**
   * Writes the pages and badges of one generation, refusing to write through a directory that
   * links out of the output directory ({@code runbooks/} or {@code badges/} made a symbolic link
   * to somewhere else). A link as the file itself is harmless: the atomic write replaces the link,
   * not what it points to. Each directory is resolved once per generation, not once per file: a
   * run of 2,000 checks writes 2,000 badges into one.
   */
  private static final class Output {
    private final Path out;
    private Path realOut;
    /** The directories resolved so far; both threads of a generation write through it. */
    private final Set<Path> checked = new HashSet<>();

    Output(Path out) {
      this.out = out;
    }

    Path write(Path file, String content) throws IOException {
      // encoded in one piece: String.getBytes, not the encoder of a Writer, which copied the page
      // through its buffers a few KiB at a time
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      return write(file, (OutputStreamPage) o -> o.write(bytes));
    }

    /**
     * Writes a small file unless it holds this content already: a badge keeps its bytes from run
     * to run while its check's status holds, and reading it is cheaper than replacing it.
     */
    Path writeIfChanged(Path file, String content) throws IOException {
      checkParent(file);
      AtomicFiles.writeIfChanged(file, content.getBytes(StandardCharsets.UTF_8));
      return file;
    }

    /** Writes a page as a stream of text, UTF-8 encoded. */
    Path write(Path file, Page page) throws IOException {
      return write(file, (OutputStreamPage) o -> {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        page.writeTo(w);
        w.flush();
      });
    }

    /** Writes a file as a stream of bytes. */
    Path write(Path file, OutputStreamPage page) throws IOException {
      checkParent(file);
      AtomicFiles.write(file, page::writeTo);
      return file;
    }

    private synchronized void checkParent(Path file) throws IOException {
      Path parent = file.toAbsolutePath().normalize().getParent();
      if (!checked.contains(parent)) {
        Files.createDirectories(parent);
        if (realOut == null) {
          realOut = out.toAbsolutePath().normalize().toRealPath();
        }
        if (!parent.toRealPath().startsWith(realOut)) {
          throw new IOException(parent + " leads out of the output directory " + out
              + " (a symbolic link?): " + file.getFileName() + " not written");
        }
        checked.add(parent);
      }
    }
  }

  /** A page that writes itself to a stream of text. */
  @FunctionalInterface
  private interface Page {
    void writeTo(Writer out) throws IOException;
  }

  /** A file that writes itself to a stream of bytes. */
  @FunctionalInterface
  private interface OutputStreamPage {
    void writeTo(OutputStream out) throws IOException;
  }
}
