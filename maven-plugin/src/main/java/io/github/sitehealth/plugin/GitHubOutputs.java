package io.github.sitehealth.plugin;

import io.github.sitehealth.core.report.GitHubActions;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * Writes a run's GitHub Actions outputs: the step summary appended to the file {@code
 * GITHUB_STEP_SUMMARY} names, and the annotations printed at the start of lines of the job's log
 * (on standard output, not through Maven's logger, whose {@code [INFO]} prefix would hide them from
 * the runner).
 */
final class GitHubOutputs {

  static final String GITHUB_ACTIONS = "GITHUB_ACTIONS";
  static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";
  static final String WORKSPACE = "GITHUB_WORKSPACE";

  private final Environment environment;
  private final PrintStream console;
  private final Log log;

  GitHubOutputs(Environment environment, PrintStream console, Log log) {
    this.environment = environment;
    this.console = console;
    this.log = log;
  }

  /** Whether to write them: as {@code forced} says, else when {@code GITHUB_ACTIONS=true}. */
  boolean enabled(Boolean forced) {
    return forced != null ? forced : "true".equals(environment.get(GITHUB_ACTIONS));
  }

  /**
   * Prints the annotations and appends the step summary. A summary that cannot be written is a
   * warning: the gate's verdict does not depend on it.
   *
   * @param outputDirectory where the run's pages are, for the runbook paths
   */
  void write(RunResult run, Path outputDirectory) {
    GitHubActions github = new GitHubActions(runbookBase(outputDirectory));
    github.annotations(run).forEach(console::println);
    console.flush();
    String summary = environment.get(STEP_SUMMARY);
    if (summary == null || summary.isBlank()) {
      log.info("site-health: " + STEP_SUMMARY + " is not set, so no step summary is written");
      return;
    }
    try {
      github.appendStepSummary(run, Path.of(summary));
      log.info("site-health: step summary appended to " + summary);
    } catch (IOException | RuntimeException e) {
      log.warn("site-health: cannot append the step summary to " + summary + ": " + e.getMessage());
    }
  }

  /**
   * The output directory as the job sees it: relative to {@code GITHUB_WORKSPACE} when inside it
   * ({@code target/site-health}), else absolute; with {@code /} separators.
   */
  private String runbookBase(Path outputDirectory) {
    Path out = outputDirectory.toAbsolutePath().normalize();
    String workspace = environment.get(WORKSPACE);
    if (workspace != null && !workspace.isBlank()) {
      Path root = Path.of(workspace).toAbsolutePath().normalize();
      if (out.startsWith(root) && !out.equals(root)) {
        out = root.relativize(out);
      }
    }
    return out.toString().replace('\\', '/');
  }
}
