package io.github.sitehealth.plugin;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that writes the status page: the inputs it reads besides {@code results.json}. */
abstract class AbstractPagesMojo extends AbstractSiteHealthMojo {

  /**
   * The run history: each {@code verify} appends one line (JSON). Keep it outside {@code target/}
   * to outlive {@code mvn clean}; the status page draws its uptime bars from it.
   */
  @Parameter(
      property = PropertyNames.HISTORY_FILE,
      defaultValue = "${project.build.directory}/site-health/history.jsonl")
  private File historyFile;

  /** The team's runbooks, Markdown with front matter; a file named like a default replaces it. */
  @Parameter(defaultValue = "${project.basedir}/src/site-health/runbooks")
  private File runbooksDirectory;

  /** Incident and maintenance notes, Markdown with front matter, shown newest first. */
  @Parameter(defaultValue = "${project.basedir}/src/site-health/incidents")
  private File incidentsDirectory;

  /** The status page's title. */
  @Parameter(defaultValue = "${project.name} status")
  private String title;

  protected File historyFile() {
    return historyFile;
  }

  /** Writes the status page, the runbooks and the badges from the output directory's results. */
  protected void writePages() throws IOException {
    new SiteInputs(outputDirectory(), historyFile, runbooksDirectory, incidentsDirectory, title)
        .generate(outputDirectory().toPath(), getLog());
  }
}
