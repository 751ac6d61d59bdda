package io.github.sitehealth.plugin;

import io.github.sitehealth.site.MissingResultsException;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the status page ({@code index.html}), the troubleshooting runbooks ({@code runbooks/})
 * and badges ({@code badges/}) into the output directory, from the latest {@code results.json}
 * that {@code site-health:verify} wrote there.
 */
@Mojo(name = "site", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class SiteMojo extends AbstractSiteHealthMojo {

  /** The run history {@code verify} appends to; its uptime bars are drawn from it. */
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

  @Override
  protected void run() throws MojoExecutionException {
    SiteInputs inputs =
        new SiteInputs(outputDirectory(), historyFile, runbooksDirectory, incidentsDirectory, title);
    try {
      inputs.generate(outputDirectory().toPath(), getLog());
    } catch (MissingResultsException e) {
      throw new MojoExecutionException("site-health: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the status page to " + outputDirectory() + ": " + e.getMessage(), e);
    }
  }
}
