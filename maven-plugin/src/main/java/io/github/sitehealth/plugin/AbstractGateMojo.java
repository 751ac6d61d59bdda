package io.github.sitehealth.plugin;

import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.report.TextReport;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.ConfigProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that ends in a verdict on a run ({@code verify}, {@code merge}): it records the run in
 * the history, writes the status page and the CI outputs, and fails the build on a DOWN check.
 */
abstract class AbstractGateMojo extends AbstractPagesMojo {

  /**
   * Fail the build when a check is DOWN. With {@code false} the same report is logged as a
   * warning and the build goes on.
   */
  @Parameter(property = PropertyNames.FAIL_ON_ERROR, defaultValue = "true")
  private boolean failOnError;

  /**
   * Also write the status page, the runbooks and the badges once the checks are done, before the
   * build fails: the page is there exactly when a check is DOWN. {@code site-health:site} writes
   * the same pages on its own.
   */
  @Parameter(property = PropertyNames.PAGES, defaultValue = "true")
  private boolean pages;

  /** Whether this goal writes the pages after its checks ({@code pages}). */
  protected boolean writesPages() {
    return pages;
  }

  /**
   * Runs kept in the history file; older ones are dropped. The file holds up to 10 % more until the
   * append that finds so compacts it. At least 1.
   */
  @Parameter(defaultValue = "500")
  private int historyRetention;

  /**
   * Write the GitHub Actions outputs: a step summary appended to the file {@code
   * GITHUB_STEP_SUMMARY} names (a table of the DOWN and DEGRADED checks with code, hop, summary
   * and runbook; the UP ones counted), and an {@code ::error} annotation per DOWN check and a
   * {@code ::warning} per DEGRADED one. Default: when the environment variable {@code
   * GITHUB_ACTIONS} is {@code true}, as on GitHub's runners; {@code true} or {@code false} forces
   * them on or off.
   */
  @Parameter(property = PropertyNames.GITHUB_ACTIONS)
  private Boolean githubActions;

  /** The environment variables; a seam for tests. */
  Environment environment = Environment.SYSTEM;

  /** Where the annotations are printed; a seam for tests. */
  PrintStream console = System.out;

  /** @throws MojoExecutionException when {@code historyRetention} is below 1 */
  protected void checkHistoryRetention() throws MojoExecutionException {
    if (historyRetention < 1) {
      throw new MojoExecutionException(
          "Invalid site-health configuration: <historyRetention> "
              + ConfigProblem.quote(String.valueOf(historyRetention)) + " must be at least 1");
    }
  }

  /**
   * Appends the run to the history file, when there is one; an unreadable line of it is a
   * warning, and kept.
   *
   * @return the warnings logged, for {@link #conclude} not to log them again
   * @throws MojoExecutionException when the history cannot be written
   */
  protected List<String> record(RunResult run) throws MojoExecutionException {
    if (historyFile() == null) {
      return List.of();
    }
    try {
      List<String> warnings = new HistoryStore(historyFile().toPath(), historyRetention).append(run);
      warnings.forEach(w -> getLog().warn("site-health: " + w));
      return warnings;
    } catch (IOException e) {
      // The store's message names the history by its full path already.
      throw new MojoExecutionException("site-health: " + e.getMessage(), e);
    }
  }

  /**
   * Says the run's summary line, writes the status page (unless {@code pages} is false) and the
   * GitHub Actions outputs (when enabled), then fails the build when a check is DOWN, or warns
   * when {@code failOnError} is false. The summary line is said once: the failure report of a run
   * with a DOWN check ends with it, so such a run does not log it before.
   *
   * @param run the run as written to the output directory, secrets masked
   * @param logged the warnings {@link #record} logged: the page reads the history the append left,
   *     and each of its lines is reported once
   * @throws MojoFailureException when a check is DOWN and {@code failOnError} is true
   */
  protected void conclude(RunResult run, List<String> logged) throws MojoFailureException {
    if (run.down().isEmpty()) {
      getLog().info(run.summaryLine());
    }
    if (pages) {
      try {
        writePages(run, Set.copyOf(logged));
      } catch (IOException e) {
        // The gate's verdict matters more than the page: report, and go on to it.
        getLog().error("site-health: cannot write the status page: " + e.getMessage());
      }
    }
    GitHubOutputs github = new GitHubOutputs(environment, console, getLog());
    if (github.enabled(githubActions)) {
      github.write(run, outputDirectory().toPath());
    }
    if (!run.down().isEmpty()) {
      String report = TextReport.failure(run, outputDirectory().toPath());
      if (failOnError) {
        throw new MojoFailureException(report);
      }
      getLog().warn(report);
      // A value written in the pom's <configuration> beats -D, so -D alone is not the advice.
      getLog().warn("site-health: " + PropertyNames.FAIL_ON_ERROR + "=false, the build goes on"
          + " (set <failOnError> to true to fail it, or write it as ${"
          + PropertyNames.FAIL_ON_ERROR + "} in the POM to let -D" + PropertyNames.FAIL_ON_ERROR
          + "=true decide)");
    }
  }
}
