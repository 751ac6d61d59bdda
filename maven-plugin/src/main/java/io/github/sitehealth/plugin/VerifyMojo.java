package io.github.sitehealth.plugin;

import io.github.sitehealth.core.report.TextReport;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.Verifier;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.InvalidConfigException;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs every configured check, writes {@code results.json} and {@code TEST-site-health.xml}, and
 * fails the build when a check is DOWN.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractSiteHealthMojo {

  /** The HTTP endpoints to check. */
  @Parameter private List<Endpoint> endpoints;

  /** Checks in flight at once. Default 64. */
  @Parameter(property = PropertyNames.CONCURRENCY)
  private Integer concurrency;

  /** Checks in flight to one host:port at once. Default 8. */
  @Parameter(property = PropertyNames.PER_HOST_CONCURRENCY)
  private Integer perHostConcurrency;

  /**
   * A PEM file of CA certificates trusted in addition to the JDK's own, e.g. the company CA that
   * signs internal endpoints. It never replaces the JDK's trust, and TLS verification (chain,
   * expiry, host name) always stays on.
   */
  @Parameter(property = PropertyNames.TRUST_CERTIFICATES)
  private File trustCertificates;

  /**
   * Allow checks of cloud metadata and link-local addresses (169.254.0.0/16 with the metadata
   * service 169.254.169.254, fe80::/10, fd00:ec2::254). They are refused by default, as URLs and
   * as what a host name resolves to: from a cloud build agent they would fetch the agent's own
   * credentials into the reports. Deliberately without a user property: allowed only in the pom.
   */
  @Parameter(defaultValue = "false")
  private boolean allowMetadataTargets;

  /** Fail the build when a check is DOWN. With {@code false} the same report is logged. */
  @Parameter(property = PropertyNames.FAIL_ON_ERROR, defaultValue = "true")
  private boolean failOnError;

  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    RunSpec spec;
    try {
      spec = SpecParser.parse(runConfig());
    } catch (InvalidConfigException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    if (session != null && session.isOffline()) {
      getLog().warn("site-health: offline mode (-o), " + spec.size() + " checks not run");
      return;
    }
    if (spec.size() == 0) {
      getLog().warn("site-health: no <endpoints> configured, nothing to check");
      return;
    }
    RunResult run;
    try {
      run = new Verifier(result -> getLog().info(TextReport.line(result)))
          .verify(spec, outputDirectory().toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the results to " + outputDirectory() + ": " + e.getMessage(), e);
    }
    getLog().info(run.summaryLine());
    if (!run.down().isEmpty()) {
      String report = TextReport.failure(run, outputDirectory().toPath());
      if (failOnError) {
        throw new MojoFailureException(report);
      }
      getLog().warn(report);
      getLog().warn("site-health: " + PropertyNames.FAIL_ON_ERROR + "=false, the build goes on"
          + " (-D" + PropertyNames.FAIL_ON_ERROR + "=true fails it)");
    }
  }

  private RunConfig runConfig() {
    List<EndpointConfig> configs =
        endpoints == null ? List.of() : endpoints.stream().map(Endpoint::toConfig).toList();
    return new RunConfig(
        configs,
        concurrency,
        perHostConcurrency,
        trustCertificates == null ? null : trustCertificates.getPath(),
        allowMetadataTargets);
  }
}
