package io.github.sitehealth.plugin;

import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.site.RunbookLibrary;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that writes the status page: the inputs it reads besides {@code results.json}. */
abstract class AbstractPagesMojo extends AbstractSiteHealthMojo {

  /**
   * The run history: each {@code verify} and {@code merge} appends one line (JSON). Keep it
   * outside {@code target/} to outlive {@code mvn clean}; the status page draws its uptime bars
   * from it.
   */
  @Parameter(
      property = PropertyNames.HISTORY_FILE,
      defaultValue = "${project.build.directory}/site-health/history.jsonl")
  private File historyFile;

  /**
   * The team's runbooks: Markdown with {@code title}, {@code codes} and {@code summary} front
   * matter. A file named like a default runbook replaces it, and its {@code codes} take
   * precedence.
   */
  @Parameter(defaultValue = "${project.basedir}/src/site-health/runbooks")
  private File runbooksDirectory;

  /**
   * Incident and maintenance notes: Markdown with {@code title}, {@code status}, {@code started},
   * {@code resolved} and {@code affects} front matter, shown newest first on the status page.
   */
  @Parameter(defaultValue = "${project.basedir}/src/site-health/incidents")
  private File incidentsDirectory;

  /** The status page's title. */
  @Parameter(defaultValue = "${project.name} status")
  private String title;

  /** The runbook library, once {@link #runbookLibrary} has loaded it. */
  private RunbookLibrary library;

  protected File historyFile() {
    return historyFile;
  }

  /**
   * The runbook library the pages will use, the team's pages included: the one place that
   * decides which runbook a finding links, in the console, the results and on the page alike.
   * Loaded once: the pages this goal writes use the same one.
   *
   * @throws IOException when the team's runbook directory cannot be listed
   */
  protected RunbookLibrary runbookLibrary() throws IOException {
    if (library == null) {
      library = RunbookLibrary.load(Optional.ofNullable(runbooksDirectory).map(File::toPath));
    }
    return library;
  }

  /** Writes the status page, the runbooks and the badges from the output directory's results. */
  protected void writePages() throws IOException {
    pages().generate(outputDirectory().toPath(), getLog(), Set.of(), Optional.empty(),
        Optional.ofNullable(library));
  }

  /**
   * Writes the pages from the run this goal has just written to the output directory, rather
   * than from reading its {@code results.json} back, without logging again a warning this goal
   * has logged already.
   *
   * @param run the run exactly as written
   * @param logged warnings logged before, word for word
   */
  protected void writePages(RunResult run, Set<String> logged) throws IOException {
    pages().generate(outputDirectory().toPath(), getLog(), logged, Optional.of(run),
        Optional.ofNullable(library));
  }

  private SiteInputs pages() {
    return new SiteInputs(outputDirectory(), historyFile, runbooksDirectory, incidentsDirectory, title);
  }
}
