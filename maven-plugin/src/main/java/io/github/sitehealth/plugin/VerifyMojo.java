package io.github.sitehealth.plugin;

import io.github.sitehealth.core.history.HistoryStore;
import io.github.sitehealth.core.report.TextReport;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.Verifier;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.InvalidConfigException;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.site.RunbookLibrary;
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
public class VerifyMojo extends AbstractPagesMojo {

  /** The HTTP endpoints to check. */
  @Parameter private List<Endpoint> endpoints;

  /** The DNS records to check. */
  @Parameter private List<DnsRecord> dnsRecords;

  /**
   * The resolver for DNS checks, {@code host:port} (an IP address, {@code [::1]:53} for IPv6).
   * Default: the system's resolvers.
   */
  @Parameter(property = PropertyNames.RESOLVER)
  private String resolver;

  /** Checks in flight at once. Default 64. */
  @Parameter(property = PropertyNames.CONCURRENCY)
  private Integer concurrency;

  /** Checks in flight to one host:port at once. Default 8. */
  @Parameter(property = PropertyNames.PER_HOST_CONCURRENCY)
  private Integer perHostConcurrency;

  /**
   * Request headers whose values are secret, besides {@code Authorization}, {@code Cookie},
   * {@code Proxy-Authorization} and {@code X-Api-Key}. Secret values (and URL credentials and
   * token-like query parameters) are masked in the log, the results and every page, and secret
   * headers are never sent on to another host by a redirect.
   */
  @Parameter private List<String> secretHeaders;

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

  /**
   * Also write the status page, the runbooks and the badges once the checks are done, before the
   * build fails: the page is there exactly when a check is DOWN. {@code site-health:site} writes
   * the same pages on its own.
   */
  @Parameter(property = PropertyNames.PAGES, defaultValue = "true")
  private boolean pages;

  /** Runs kept in the history; older ones are dropped. */
  @Parameter(defaultValue = "500")
  private int historyRetention;

  /** Only read to say that offline mode (-o) does not skip the checks. */
  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    if (historyRetention < 1) {
      throw new MojoExecutionException(
          "Invalid site-health configuration: <historyRetention> \"" + historyRetention
              + "\" must be at least 1");
    }
    RunSpec spec;
    try {
      spec = SpecParser.parse(runConfig());
    } catch (InvalidConfigException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    if (session != null && session.isOffline()) {
      // -o is about artifact repositories; the checks download nothing, and are the build's point.
      getLog().info("site-health: offline mode (-o) does not skip the checks; -D"
          + PropertyNames.SKIP + " does");
    }
    if (spec.size() == 0) {
      getLog().warn("site-health: no <endpoints> or <dnsRecords> configured, nothing to check");
      return;
    }
    RunbookLibrary runbooks;
    try {
      runbooks = runbookLibrary();
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot read the team's runbooks: " + e.getMessage(), e);
    }
    RunResult run;
    try {
      run = new Verifier(result -> getLog().info(TextReport.line(result)), runbooks::link)
          .verify(spec, outputDirectory().toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the results to " + outputDirectory() + ": " + e.getMessage(), e);
    }
    if (historyFile() != null) {
      try {
        new HistoryStore(historyFile().toPath(), historyRetention)
            .append(run)
            .forEach(w -> getLog().warn("site-health: " + w));
      } catch (IOException e) {
        throw new MojoExecutionException(
            "site-health: cannot append to the history " + historyFile() + ": " + e.getMessage(), e);
      }
    }
    getLog().info(run.summaryLine());
    if (pages) {
      try {
        writePages();
      } catch (IOException e) {
        // The gate's verdict matters more than the page: report, and go on to it.
        getLog().error("site-health: cannot write the status page: " + e.getMessage());
      }
    }
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
    List<DnsRecordConfig> records =
        dnsRecords == null ? List.of() : dnsRecords.stream().map(DnsRecord::toConfig).toList();
    return RunConfig.builder()
        .endpoints(configs)
        .concurrency(concurrency)
        .perHostConcurrency(perHostConcurrency)
        .dnsRecords(records)
        .resolver(resolver)
        .secretHeaders(secretHeaders)
        .trustCertificates(trustCertificates == null ? null : trustCertificates.getPath())
        .allowMetadataTargets(allowMetadataTargets)
        .build();
  }
}
