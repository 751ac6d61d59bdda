package io.github.sitehealth.plugin;

import io.github.sitehealth.core.report.Merge;
import io.github.sitehealth.core.report.MergeException;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.Verifier;
import io.github.sitehealth.core.spec.ConfigProblem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Combines the {@code results.json} of several {@code verify} runs into one result in the output
 * directory: the shards of a CI matrix ({@code shard}) and the same checks run from several
 * vantages ({@code vantage}). Then, as {@code verify} does, it writes the JUnit XML and {@code
 * metrics.prom}, appends one history entry, writes the status page and the GitHub Actions
 * outputs, and fails the build when a merged check is DOWN. A check seen from several vantages is
 * DOWN when at least {@code quorum} of them see it DOWN, else DEGRADED, naming where it fails.
 */
@Mojo(name = "merge", threadSafe = true)
public class MergeMojo extends AbstractGateMojo {

  /**
   * The output directories of the runs to merge, each holding a {@code results.json}; on the
   * command line comma-separated, {@code -Dsite-health.mergeInputs=eu-west-1,eu-west-2,us-east-1}.
   * Relative paths are taken from the project's directory. None may be the {@code
   * outputDirectory} the merged result is written to.
   */
  @Parameter(property = PropertyNames.MERGE_INPUTS, required = true)
  private File[] mergeInputs;

  /**
   * How many vantages must see a check DOWN for the merged check to be DOWN; seen DOWN from fewer,
   * it is DEGRADED ("DOWN from eu-west only (us-east: UP), below the quorum of 2"). A check run
   * from fewer vantages than this is DOWN when all of them see it DOWN. Default 1: DOWN when any
   * vantage sees it DOWN.
   */
  @Parameter(property = PropertyNames.QUORUM, defaultValue = "1")
  private int quorum;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    checkHistoryRetention();
    List<Path> inputs = inputs();
    Merge.Outcome outcome;
    try {
      outcome = Merge.merge(Merge.read(inputs), quorum);
    } catch (MergeException e) {
      throw new MojoExecutionException("site-health: " + e.getMessage(), e);
    }
    outcome.warnings().forEach(w -> getLog().warn("site-health: " + w));
    RunResult run = outcome.run();
    getLog().info("site-health: merged " + inputs.size() + " result" + (inputs.size() == 1 ? "" : "s")
        + (outcome.vantages().isEmpty() ? ""
            : " from " + String.join(", ", outcome.vantages()) + ", quorum " + quorum)
        + ": " + run.checks().size() + " check" + (run.checks().size() == 1 ? "" : "s"));
    try {
      Verifier.write(run, outputDirectory().toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the results to " + outputDirectory() + ": " + e.getMessage(), e);
    }
    List<String> logged = record(run);
    conclude(run, logged);
  }

  /** The input directories; none may be the output directory, which the merge overwrites. */
  private List<Path> inputs() throws MojoExecutionException {
    if (mergeInputs == null || mergeInputs.length == 0) {
      throw new MojoExecutionException("site-health: <mergeInputs> is empty: name the output"
          + " directories to merge, e.g. -D" + PropertyNames.MERGE_INPUTS + "=eu-west-1,us-east-1");
    }
    Path out = outputDirectory().toPath().toAbsolutePath().normalize();
    List<Path> inputs = Arrays.stream(mergeInputs).map(f -> f.toPath().toAbsolutePath().normalize())
        .collect(Collectors.toList());
    for (Path input : inputs) {
      if (input.equals(out)) {
        throw new MojoExecutionException("site-health: <mergeInputs> "
            + ConfigProblem.quote(input.toString()) + " is the"
            + " <outputDirectory> the merged results are written to: merge into another directory"
            + " (-D" + PropertyNames.OUTPUT_DIRECTORY + "=...)");
      }
    }
    return inputs;
  }
}
