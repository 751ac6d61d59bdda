package io.github.sitehealth.core.run;

import io.github.sitehealth.core.report.JUnitXml;
import io.github.sitehealth.core.report.OpenMetrics;
import io.github.sitehealth.core.report.Redactor;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs the checks and writes {@code results.json}, the JUnit XML and the OpenMetrics file into the
 * output directory.
 */
public final class Verifier {

  private final CheckListener listener;

  public Verifier(CheckListener listener) {
    this.listener = listener;
  }

  /**
   * Runs the checks and writes the results. Everything it reports, to the listener and in the
   * files, has the run's secrets masked.
   */
  public RunResult verify(RunSpec spec, Path outputDirectory) throws IOException {
    Redactor redactor = Redactor.of(spec, spec.secretHeaders());
    RunResult run =
        redactor.redact(
            new CheckRunner(result -> listener.checkFinished(redactor.redact(result))).run(spec));
    new ResultsJson().write(run, outputDirectory.resolve(ResultsJson.FILE_NAME));
    new JUnitXml().write(run, outputDirectory.resolve(JUnitXml.FILE_NAME));
    new OpenMetrics().write(run, outputDirectory.resolve(OpenMetrics.FILE_NAME));
    return run;
  }
}
