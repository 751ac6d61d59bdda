package io.github.sitehealth.core.run;

import io.github.sitehealth.core.diagnose.RunbookLinks;
import io.github.sitehealth.core.report.JUnitXml;
import io.github.sitehealth.core.report.OpenMetrics;
import io.github.sitehealth.core.report.Redactor;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the checks and writes {@code results.json}, the JUnit XML and the OpenMetrics file into the
 * output directory.
 */
public final class Verifier {

  private final CheckListener listener;
  private final RunbookLinks runbooks;

  /** A verifier whose findings link the default runbook library. */
  public Verifier(CheckListener listener) {
    this(listener, RunbookLinks.DEFAULT);
  }

  /**
   * A verifier whose findings link the runbooks {@code runbooks} decides, in every output.
   *
   * @param listener told of each check as it finishes
   * @param runbooks the one place that decides a finding's runbook
   */
  public Verifier(CheckListener listener, RunbookLinks runbooks) {
    this.listener = listener;
    this.runbooks = runbooks;
  }

  /**
   * Runs the checks of the spec's share ({@link RunSpec#share()}: every check unless it names a
   * shard) and writes the results, recording the spec's vantage and shard. Everything it reports,
   * to the listener and in the files, has the run's secrets masked and links the runbooks this
   * verifier's {@link RunbookLinks} decides. A share without checks writes results without checks.
   *
   * @return the run as written: secrets masked, runbooks linked
   * @throws IOException when a file cannot be written to {@code outputDirectory}
   */
  public RunResult verify(RunSpec spec, Path outputDirectory) throws IOException {
    Redactor redactor = Redactor.of(spec, spec.secretHeaders());
    RunResult checked =
        new CheckRunner(
                new CheckListener() {
                  @Override
                  public void checkFinished(CheckResult result) {
                    listener.checkFinished(redactor.redact(linked(result)));
                  }

                  @Override
                  public void progress(Progress progress) {
                    listener.progress(progress);
                  }
                })
            .run(spec.share());
    RunResult run =
        redactor.redact(
            checked
                .withChecks(checked.checks().stream().map(this::linked).toList())
                .withLabels(spec.vantage(), spec.shard()));
    write(run, outputDirectory);
    return run;
  }

  /**
   * Writes {@code results.json}, the JUnit XML and the OpenMetrics file of a run into the output
   * directory, each replaced atomically.
   *
   * @throws IOException when a file cannot be written
   */
  public static void write(RunResult run, Path outputDirectory) throws IOException {
    new ResultsJson().write(run, outputDirectory.resolve(ResultsJson.FILE_NAME));
    new JUnitXml().write(run, outputDirectory.resolve(JUnitXml.FILE_NAME));
    new OpenMetrics().write(run, outputDirectory.resolve(OpenMetrics.FILE_NAME));
  }

  private CheckResult linked(CheckResult c) {
    if (c.finding().isEmpty()) {
      return c;
    }
    Finding f = c.finding().get();
    return c.withFinding(Optional.of(f.withRunbook(runbooks.link(f.code(), f.hop()))));
  }
}
