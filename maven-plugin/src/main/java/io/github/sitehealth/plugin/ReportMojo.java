package io.github.sitehealth.plugin;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The status page and the runbooks as a report of the project's Maven site ({@code mvn site}),
 * under {@code site-health/} of the site, from the {@code results.json} of an earlier
 * {@code site-health:verify} (e.g. {@code mvn verify site}).
 *
 * <p>It implements {@link MavenReport} itself rather than extending maven-reporting-impl's
 * AbstractMavenReport: the page family is external to the site's skin, so it needs no Doxia
 * rendering, and every goal of the plugin (verify on each build above all) then loads without
 * Doxia's site renderer, Velocity and their archivers in its class realm.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMojo implements MavenReport {

  /** Where the site is written; the site plugin sets it to the site's own directory. */
  @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
  private File reportOutputDirectory;

  /** Where {@code verify} wrote {@code results.json}; the report is drawn from it. */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/site-health")
  private File resultsDirectory;

  /** The run history {@code verify} appends to; its uptime bars are drawn from it. */
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

  /** Skips the report: the site gets no site-health pages. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  private SiteInputs inputs() {
    return new SiteInputs(resultsDirectory, historyFile, runbooksDirectory, incidentsDirectory, title);
  }

  @Override
  public boolean canGenerateReport() {
    if (skip) {
      return false;
    }
    if (!inputs().hasResults()) {
      getLog().warn("site-health: no results.json in " + resultsDirectory
          + ": run site-health:verify before the site (e.g. mvn verify site); report skipped");
      return false;
    }
    return true;
  }

  @Override
  public boolean isExternalReport() {
    // The page family is self-contained (its own CSS, runbooks and badges), not a Doxia page.
    return true;
  }

  @Override
  public String getOutputName() {
    return "site-health/index";
  }

  @Override
  public String getName(Locale locale) {
    return "Site health";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Status of the site's edge, origin and DNS checks, with troubleshooting runbooks.";
  }

  @Override
  public String getCategoryName() {
    return CATEGORY_PROJECT_REPORTS;
  }

  @Override
  public File getReportOutputDirectory() {
    return reportOutputDirectory;
  }

  @Override
  public void setReportOutputDirectory(File directory) {
    this.reportOutputDirectory = directory;
  }

  /**
   * Writes the pages under {@code site-health/} of the report output directory. The sink is not
   * used: the report is external ({@link #isExternalReport()}).
   */
  @Override
  public void generate(Sink sink, Locale locale) throws MavenReportException {
    try {
      inputs().generate(new File(getReportOutputDirectory(), "site-health").toPath(), getLog());
    } catch (IOException e) {
      throw new MavenReportException("site-health: " + e.getMessage(), e);
    }
  }

  /** {@code mvn site-health:report} on its own: the same pages, outside a site build. */
  @Override
  public void execute() throws MojoExecutionException {
    if (!canGenerateReport()) {
      return;
    }
    try {
      generate(null, Locale.getDefault());
    } catch (MavenReportException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
