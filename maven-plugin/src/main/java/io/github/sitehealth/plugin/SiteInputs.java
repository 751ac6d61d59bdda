package io.github.sitehealth.plugin;

import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.site.RunbookLibrary;
import io.github.sitehealth.site.SiteGenerator;
import io.github.sitehealth.site.SiteRequest;
import io.github.sitehealth.site.SiteResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/** What the {@code site} and {@code report} goals hand the site generator, and how they log it. */
record SiteInputs(
    File resultsDirectory, File historyFile, File runbooksDirectory, File incidentsDirectory,
    String title) {

  boolean hasResults() {
    return new File(resultsDirectory, ResultsJson.FILE_NAME).isFile();
  }

  SiteResult generate(Path outputDirectory, Log log) throws IOException {
    return generate(outputDirectory, log, Set.of(), Optional.empty(), Optional.empty());
  }

  /**
   * @param logged warnings already logged, word for word, which are not logged again
   * @param run the run the results directory's {@code results.json} holds, when this goal has
   *     just written it: not read again
   * @param library the runbook library of {@code runbooksDirectory}, when this goal has loaded
   *     it: not loaded again
   */
  SiteResult generate(Path outputDirectory, Log log, Set<String> logged, Optional<RunResult> run,
      Optional<RunbookLibrary> library) throws IOException {
    SiteRequest request =
        SiteRequest.of(resultsDirectory.toPath(), outputDirectory)
            .withHistoryFile(historyFile == null ? null : historyFile.toPath())
            .withTeamRunbooks(runbooksDirectory == null ? null : runbooksDirectory.toPath())
            .withIncidents(incidentsDirectory == null ? null : incidentsDirectory.toPath())
            .withTitle(title);
    if (run.isPresent()) {
      request = request.withRun(run.get());
    }
    if (library.isPresent()) {
      request = request.withLibrary(library.get());
    }
    SiteResult result = new SiteGenerator().generate(request);
    result.warnings().stream().filter(w -> !logged.contains(w))
        .forEach(w -> log.warn("site-health: " + w));
    log.info("site-health: status page " + outputDirectory.resolve(SiteGenerator.INDEX).toUri()
        + " (" + result.files().size() + " files)");
    return result;
  }
}
