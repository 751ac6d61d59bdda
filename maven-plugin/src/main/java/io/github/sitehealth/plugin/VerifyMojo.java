package io.github.sitehealth.plugin;

import io.github.sitehealth.core.diagnose.RunbookLinks;
import io.github.sitehealth.core.report.TextReport;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.CheckListener;
import io.github.sitehealth.core.run.CheckRunner;
import io.github.sitehealth.core.run.Verifier;
import io.github.sitehealth.core.spec.ConfigProblem;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.InvalidConfigException;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.spec.TcpCheckConfig;
import io.github.sitehealth.site.RunbookLibrary;
import io.github.sitehealth.site.SiteGenerator;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs every configured HTTP, DNS and TCP check, says for each failure which hop is broken (DNS,
 * network, TLS, the CDN edge or the origin) and links its runbook, writes {@code results.json},
 * {@code TEST-site-health.xml}, the history and (unless {@code pages} is false) the status page,
 * then fails the build when a check is DOWN.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractGateMojo {

  /**
   * The HTTP endpoints to check, one {@code endpoint} element each. Its fields:
   *
   * <ul>
   *   <li>{@code name}: unique check name, {@code [A-Za-z0-9._-]+}; required.
   *   <li>{@code url}: the public URL, usually through the CDN, {@code http} or {@code https};
   *       required.
   *   <li>{@code origin}: the same resource straight from the origin, probed when the public URL
   *       fails, to tell an edge failure from an origin failure.
   *   <li>{@code originAddress}: an IPv4 or IPv6 address the origin probe connects to, keeping
   *       the URL's host name for the Host header and TLS (as {@code curl --resolve}).
   *   <li>{@code expectStatus}: expected status codes and ranges, e.g. {@code 200,301-302};
   *       default {@code 200-399}.
   *   <li>{@code maxLatencyMs}: latency budget of one attempt in milliseconds; slower is DOWN.
   *   <li>{@code warnLatencyMs}: warning budget in milliseconds, below {@code maxLatencyMs}; a
   *       passing check slower than this is DEGRADED.
   *   <li>{@code expectHeaders}: response header name to a regular expression that must be found
   *       in its value; names are case-insensitive.
   *   <li>{@code expectCacheable}: require an answer a shared cache (CDN) may store and serve
   *       fresh, as RFC 9111 decides; default false.
   *   <li>{@code expectBody}: a regular expression that must be found in the decoded body (first
   *       1 MiB), else {@code BODY_MISMATCH}.
   *   <li>{@code rejectBody}: a regular expression that must not be found in the decoded body,
   *       else {@code BODY_REJECTED}.
   *   <li>{@code headers}: request header name to value; values may use <code>${env.NAME}</code>.
   *   <li>{@code timeoutMs}: whole-check deadline in milliseconds, every attempt included;
   *       default 10000.
   *   <li>{@code group}: the component the check is shown under on the status page (e.g.
   *       {@code Checkout}), 1 to 64 characters; default none.
   *   <li>{@code retries}: extra attempts, with backoff, for failures a retry can change; default
   *       2.
   *   <li>{@code failOnProbeBlocked}: a CDN's bot or WAF block of the probe (403/429) is DOWN
   *       instead of DEGRADED; default false.
   *   <li>{@code followRedirects}: follow up to 10 redirects and check the final answer; false
   *       checks the first answer itself; default true.
   *   <li>{@code tlsExpiryWarnDays}: a passing HTTPS check whose certificate chain expires within
   *       this many days is DEGRADED ({@code TLS_EXPIRING}); 0 never warns; default 14.
   *   <li>{@code addresses}: which of the host's addresses to probe, each on its own with the
   *       URL's host kept for Host and TLS: {@code first} (default), {@code all} (every A and
   *       AAAA answer), {@code ipv4} or {@code ipv6}; DOWN when any address is DOWN
   *       ({@code SOME_ADDRESSES_FAIL} when others pass).
   *   <li>{@code samples}: requests to send, 1 to 1000, each without retries; any failed sample is
   *       DEGRADED ({@code SOME_REQUESTS_FAIL}); default 1.
   *   <li>{@code sampleWindowMs}: milliseconds the samples are spread over, 0 to 600000; default
   *       0 (one after the other).
   *   <li>{@code maxFailureRate}: the highest failure rate of the samples, in percent, that is
   *       still DEGRADED (per address with {@code addresses}); above it DOWN; default 0.
   * </ul>
   */
  @Parameter private List<EndpointConfig> endpoints;

  /**
   * The DNS records to check, one {@code dnsRecord} element each. Its fields:
   *
   * <ul>
   *   <li>{@code name}: the DNS name, e.g. {@code www.example.com}; required.
   *   <li>{@code type}: A, AAAA, CNAME, NS, MX, TXT, CAA or SOA; default A.
   *   <li>{@code expect}: an expected value in zone-file syntax; repeat the element, one per
   *       value.
   *   <li>{@code match}: {@code exact} (the answers equal the expected set; the default) or
   *       {@code contains} (they include it).
   *   <li>{@code minTtl}, {@code maxTtl}: TTL bounds in seconds; a TTL outside them is DEGRADED.
   *   <li>{@code resolver}: this record's resolver, {@code ip[:port]}; default the run's
   *       {@code resolver}.
   *   <li>{@code checkAuthoritative}: also ask every authoritative server of the zone and compare
   *       SOA serials and answers; default false.
   *   <li>{@code authoritativeServers}: servers ({@code ip[:port]}) to ask instead of the zone's
   *       NS records, e.g. for split horizon.
   *   <li>{@code timeoutMs}: whole-check deadline in milliseconds; default 5000.
   *   <li>{@code group}: the component the check is shown under on the status page (e.g.
   *       {@code Checkout}), 1 to 64 characters; default none.
   * </ul>
   */
  @Parameter private List<DnsRecordConfig> dnsRecords;

  /**
   * The TCP ports to check, one {@code tcpCheck} element each: a connection, optionally a TLS
   * handshake and the first bytes the server sends. Its fields:
   *
   * <ul>
   *   <li>{@code name}: unique check name among all checks, {@code [A-Za-z0-9._-]+}; required.
   *   <li>{@code address}: {@code host:port}, e.g. {@code bastion.example.com:22}; an IPv6
   *       literal in brackets, {@code [2001:db8::10]:443}; required.
   *   <li>{@code expectBanner}: a regular expression that must be found in the first bytes the
   *       server sends (at most 4 KiB), e.g. {@code ^SSH-2\.0-}; else {@code BANNER_MISMATCH},
   *       or {@code READ_TIMEOUT} when nothing arrives.
   *   <li>{@code tls}: complete a TLS handshake (SNI = the host name, the certificate verified
   *       for the host, trust including {@code trustCertificates}); default false.
   *   <li>{@code timeoutMs}: whole-check deadline in milliseconds, every attempt included;
   *       default 5000.
   *   <li>{@code group}: the component the check is shown under on the status page (e.g.
   *       {@code Checkout}), 1 to 64 characters; default none.
   *   <li>{@code retries}: extra attempts, with backoff, for failures a retry can change; default
   *       2.
   *   <li>{@code maxLatencyMs}: connect-time budget in milliseconds, the TLS handshake included;
   *       slower is DOWN ({@code LATENCY_BUDGET}).
   * </ul>
   */
  @Parameter private List<TcpCheckConfig> tcpChecks;

  /**
   * A YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) file of more checks, for more than
   * a pom should hold: top-level {@code endpoints}, {@code dnsRecords} and {@code tcpChecks} lists
   * whose entries take the same fields as the pom's elements, validated the same way; a problem
   * names the file and the line of its entry. Its checks run after the pom's. None by default.
   */
  @Parameter(property = PropertyNames.CHECKS_FILE)
  private File checksFile;

  /**
   * The resolver for the DNS checks and for the host names of the endpoints and TCP checks,
   * {@code ip[:port]} (e.g. {@code 10.0.0.2}, {@code [::1]:53} for IPv6); through it a name that
   * fails gets its precise DNS finding (NXDOMAIN, NODATA, SERVFAIL, timeout, dangling CNAME).
   * Default: the system's resolvers.
   */
  @Parameter(property = PropertyNames.RESOLVER)
  private String resolver;

  /** Checks in flight at once. Default 64 (the checker core's default). */
  @Parameter(property = PropertyNames.CONCURRENCY)
  private Integer concurrency;

  /**
   * HTTP and TCP checks in flight to one host:port at once. Default 8 (the checker core's
   * default).
   */
  @Parameter(property = PropertyNames.PER_HOST_CONCURRENCY)
  private Integer perHostConcurrency;

  /**
   * DNS checks in flight to one resolver at once: a limit of their own, since a resolver answers
   * thousands of queries a second where a web server may not. Default 64 (the checker core's
   * default).
   */
  @Parameter(property = PropertyNames.PER_RESOLVER_CONCURRENCY)
  private Integer perResolverConcurrency;

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

  /**
   * Where this run checks from, e.g. {@code eu-west}: letters, digits, {@code .}, {@code _} and
   * {@code -}. Recorded in {@code results.json}, as a {@code vantage} label on every metric and in
   * the history, so that {@code site-health:merge} can compare what several regions see.
   */
  @Parameter(property = PropertyNames.VANTAGE)
  private String vantage;

  /**
   * Run only one share of the checks, {@code K/N} ({@code 1 <= K <= N <= 1000}): the K-th of N shares,
   * for a CI matrix of N jobs that together run every check once. A check's share depends only on
   * its name (the first 8 bytes of its name's SHA-256, unsigned, modulo N, plus 1), never on the
   * order or number of the other checks. Recorded in {@code results.json}; {@code
   * site-health:merge} puts the shares back together. Default: every check.
   */
  @Parameter(property = PropertyNames.SHARD)
  private String shard;

  /** Only read to say that offline mode (-o) does not skip the checks. */
  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    checkHistoryRetention();
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
      getLog().warn(checksFile != null
          ? "site-health: no checks in the pom, and the <checksFile> "
              + ConfigProblem.quote(checksFile.toString()) + " holds none: nothing to check"
          : "site-health: no <endpoints>, <dnsRecords>, <tcpChecks> or <checksFile> configured,"
              + " nothing to check");
      return;
    }
    logShare(spec);
    // The runbook library loads while the checks run (a failing check's link waits for it), and
    // the page templates are parsed after it when the pages are to be written.
    FutureTask<RunbookLibrary> runbooks = new FutureTask<>(() -> {
      RunbookLibrary library = runbookLibrary();
      if (writesPages()) {
        SiteGenerator.prepare();
      }
      return library;
    });
    Thread loader = new Thread(runbooks, "site-health-runbooks");
    loader.setDaemon(true);
    loader.start();
    RunResult run;
    try {
      run = new Verifier(new LogListener(), (code, hop) -> links(runbooks).link(code, hop))
          .verify(spec, outputDirectory().toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "site-health: cannot write the results to " + outputDirectory() + ": " + e.getMessage(), e);
    }
    loaded(runbooks);
    List<String> logged = record(run);
    if (run.durationMs() >= CheckRunner.PROGRESS_INTERVAL.toMillis() && run.checks().size() > 1) {
      getLog().info("site-health: slowest: " + String.join(", ", run.slowest(SLOWEST).stream()
          .map(c -> c.name() + " " + c.durationMs() + " ms").toList()));
    }
    conclude(run, logged);
  }

  /**
   * The links of the runbook library being loaded; the default library's when it cannot be, the
   * goal failing on that right after the checks ({@link #loaded}).
   */
  private static RunbookLinks links(FutureTask<RunbookLibrary> runbooks) {
    try {
      return runbooks.get()::link;
    } catch (ExecutionException e) {
      return RunbookLinks.DEFAULT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunbookLinks.DEFAULT;
    }
  }

  /**
   * Waits for the runbook library.
   *
   * @throws MojoExecutionException when the team's runbooks cannot be read
   */
  private static void loaded(FutureTask<RunbookLibrary> runbooks) throws MojoExecutionException {
    try {
      runbooks.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new MojoExecutionException(
          "site-health: cannot read the team's runbooks: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("site-health: interrupted while loading the runbooks", e);
    }
  }

  /** {@code site-health: shard 2/3: 14 of 40 checks}; an empty share is worth a warning. */
  private void logShare(RunSpec spec) {
    spec.vantage().ifPresent(v -> getLog().info("site-health: vantage " + v));
    if (spec.shard().isEmpty()) {
      return;
    }
    int share = spec.share().size();
    String line = "site-health: shard " + spec.shard().get() + ": " + share + " of " + spec.size()
        + " check" + (spec.size() == 1 ? "" : "s");
    if (share == 0) {
      getLog().warn(line + "; this share is empty, its results hold no check");
    } else {
      getLog().info(line);
    }
  }

  /** Checks listed by duration at the end of a run that took longer than a progress interval. */
  private static final int SLOWEST = 5;

  /** One line per finished check, and a progress line every few seconds of a long run. */
  private final class LogListener implements CheckListener {
    @Override
    public void checkFinished(CheckResult result) {
      getLog().info(TextReport.line(result));
    }

    @Override
    public void progress(Progress p) {
      getLog().info(String.format(Locale.ROOT, "site-health: %d/%d checks done, %d DOWN so far (%.1f s)",
          p.done(), p.total(), p.down(), p.elapsedMs() / 1000.0));
    }
  }

  private RunConfig runConfig() {
    return RunConfig.builder()
        .endpoints(endpoints)
        .concurrency(concurrency)
        .perHostConcurrency(perHostConcurrency)
        .perResolverConcurrency(perResolverConcurrency)
        .checksFile(checksFile == null ? null : checksFile.getPath())
        .dnsRecords(dnsRecords)
        .resolver(resolver)
        .secretHeaders(secretHeaders)
        .trustCertificates(trustCertificates == null ? null : trustCertificates.getPath())
        .allowMetadataTargets(allowMetadataTargets)
        .tcpChecks(tcpChecks)
        .vantage(vantage)
        .shard(shard)
        .build();
  }
}
