package io.github.sitehealth.plugin;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every site-health goal shares: the skip switch and the output directory. */
abstract class AbstractSiteHealthMojo extends AbstractMojo {

  /** Skips the goal: no check is run and nothing is written. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /**
   * Where {@code results.json}, {@code TEST-site-health.xml}, the status page, the runbooks and
   * the badges are written, and where {@code site} reads {@code results.json} back.
   */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/site-health")
  private File outputDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("site-health: skipped (" + PropertyNames.SKIP + "=true)");
      return;
    }
    run();
  }

  /** The goal's work, when it is not skipped. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  protected File outputDirectory() {
    return outputDirectory;
  }
}
