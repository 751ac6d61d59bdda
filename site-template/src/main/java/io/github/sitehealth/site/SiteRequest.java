package io.github.sitehealth.site;

import io.github.sitehealth.core.result.RunResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SiteGenerator#generate} needs.
 *
 * @param resultsJson the run's {@code results.json} (or the directory that holds it)
 * @param historyFile the run history written by {@code HistoryStore}, if there is one
 * @param teamRunbooks the team's runbook directory ({@value RunbookLibrary#TEAM_DIRECTORY} by
 *     convention); it may be absent or not exist
 * @param incidents the incident directory ({@value Incidents#DIRECTORY} by convention); it may be
 *     absent or not exist
 * @param outputDirectory where {@code index.html}, {@code runbooks/} and {@code badges/} go
 * @param title the status page's heading
 * @param run the run {@code resultsJson} holds, when the caller has it in memory (the goal that
 *     has just written it): the generator then does not read the file again
 * @param library the runbook library loaded from {@code teamRunbooks}, when the caller has loaded
 *     it already (for the links of its findings): the generator then does not load it again
 */
public record SiteRequest(
    Path resultsJson,
    Optional<Path> historyFile,
    Optional<Path> teamRunbooks,
    Optional<Path> incidents,
    Path outputDirectory,
    String title,
    Optional<RunResult> run,
    Optional<RunbookLibrary> library) {

  public static final String DEFAULT_TITLE = "Service status";

  public SiteRequest {
    Objects.requireNonNull(resultsJson, "resultsJson");
    Objects.requireNonNull(historyFile, "historyFile");
    Objects.requireNonNull(teamRunbooks, "teamRunbooks");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(library, "library");
    title = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
  }

  /** Only the results and the output directory; no history, team runbooks or incidents. */
  public static SiteRequest of(Path resultsJson, Path outputDirectory) {
    return new SiteRequest(resultsJson, Optional.empty(), Optional.empty(), Optional.empty(),
        outputDirectory, DEFAULT_TITLE, Optional.empty(), Optional.empty());
  }

  public SiteRequest withHistoryFile(Path file) {
    return new SiteRequest(resultsJson, Optional.ofNullable(file), teamRunbooks, incidents, outputDirectory, title, run, library);
  }

  public SiteRequest withTeamRunbooks(Path directory) {
    return new SiteRequest(resultsJson, historyFile, Optional.ofNullable(directory), incidents, outputDirectory, title, run, library);
  }

  public SiteRequest withIncidents(Path directory) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, Optional.ofNullable(directory), outputDirectory, title, run, library);
  }

  public SiteRequest withTitle(String newTitle) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, incidents, outputDirectory, newTitle, run, library);
  }

  /**
   * The same request, with the run {@code resultsJson} holds already in memory.
   *
   * @param written the run exactly as written to {@code resultsJson}
   */
  public SiteRequest withRun(RunResult written) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, incidents, outputDirectory, title,
        Optional.of(written), library);
  }

  /**
   * The same request, with the runbook library already loaded.
   *
   * @param loaded what {@link RunbookLibrary#load} gave for {@link #teamRunbooks()}
   */
  public SiteRequest withLibrary(RunbookLibrary loaded) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, incidents, outputDirectory, title,
        run, Optional.of(loaded));
  }
}
