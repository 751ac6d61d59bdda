package io.github.sitehealth.site;

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
 */
public record SiteRequest(
    Path resultsJson,
    Optional<Path> historyFile,
    Optional<Path> teamRunbooks,
    Optional<Path> incidents,
    Path outputDirectory,
    String title) {

  public static final String DEFAULT_TITLE = "Service status";

  public SiteRequest {
    Objects.requireNonNull(resultsJson, "resultsJson");
    Objects.requireNonNull(historyFile, "historyFile");
    Objects.requireNonNull(teamRunbooks, "teamRunbooks");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    title = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
  }

  /** Only the results and the output directory; no history, team runbooks or incidents. */
  public static SiteRequest of(Path resultsJson, Path outputDirectory) {
    return new SiteRequest(resultsJson, Optional.empty(), Optional.empty(), Optional.empty(),
        outputDirectory, DEFAULT_TITLE);
  }

  public SiteRequest withHistoryFile(Path file) {
    return new SiteRequest(resultsJson, Optional.ofNullable(file), teamRunbooks, incidents, outputDirectory, title);
  }

  public SiteRequest withTeamRunbooks(Path directory) {
    return new SiteRequest(resultsJson, historyFile, Optional.ofNullable(directory), incidents, outputDirectory, title);
  }

  public SiteRequest withIncidents(Path directory) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, Optional.ofNullable(directory), outputDirectory, title);
  }

  public SiteRequest withTitle(String newTitle) {
    return new SiteRequest(resultsJson, historyFile, teamRunbooks, incidents, outputDirectory, newTitle);
  }
}
