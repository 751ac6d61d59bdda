package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which hop to blame for a failed HTTP check. The rules are tried top to bottom; the
 * first that applies names the hop and writes the one-sentence summary.
 */
public final class Diagnosis {

  /**
   * What the diagnosis looks at.
   *
   * @param url the public URL
   * @param failure what failed through the public URL
   * @param originUrl the configured {@code <origin>}, if any
   * @param origin the origin's own answer when an {@code <origin>} is configured and was probed
   * @param originFailure what failed at the origin, empty when it answered as expected
   */
  public record Case(
      URI url,
      Failure failure,
      Optional<URI> originUrl,
      Optional<ProbeOutcome> origin,
      Optional<Failure> originFailure) {

    boolean originProbed() {
      return origin.isPresent();
    }

    boolean originHealthy() {
      return origin.isPresent() && originFailure.isEmpty();
    }

    String code() {
      return failure.code();
    }
  }

  private record Rule(String name, Predicate<Case> applies, Hop hop, Function<Case, String> summary) {}

  /** The rule table. The README's "Diagnosis" section mirrors it row by row. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "name does not resolve",
              c -> c.code().startsWith("DNS_"),
              Hop.DNS,
              c -> "The host " + c.url().getHost()
                  + " does not resolve: check its DNS record at your DNS provider."),
          new Rule(
              "connection refused",
              c -> c.code().equals("CONNECT_REFUSED"),
              Hop.NETWORK,
              c -> "Nothing accepts connections on " + hostPort(c.url())
                  + ": check that the server is running and listening on that port, and the firewall."),
          new Rule(
              "connection timeout",
              c -> c.code().equals("CONNECT_TIMEOUT"),
              Hop.NETWORK,
              c -> "No connection to " + hostPort(c.url())
                  + " could be made in time: a firewall or a routing problem drops the packets."),
          new Rule(
              "connection reset or other network error",
              c -> c.code().equals("CONNECTION_RESET") || c.code().equals("PROBE_ERROR"),
              Hop.NETWORK,
              c -> "The connection to " + hostPort(c.url())
                  + " broke before a complete answer: check the server's and the load balancer's logs."),
          new Rule(
              "TLS handshake failed",
              c -> c.code().startsWith("TLS_"),
              Hop.TLS,
              c -> "The TLS handshake with " + c.url().getHost()
                  + " failed: renew or fix the certificate so it is trusted, current and names this host."),
          new Rule(
              "the origin fails directly too",
              c -> c.originProbed() && !c.originHealthy(),
              Hop.ORIGIN,
              c -> "The origin fails when asked directly too ("
                  + c.originFailure().orElseThrow().detail()
                  + "): fix the origin server; the edge only passes its failure on."),
          new Rule(
              "the origin is healthy directly",
              Case::originHealthy,
              Hop.EDGE,
              c -> "The origin answers "
                  + c.origin().orElseThrow().describe()
                  + " directly, but the edge answers " + c.failure().detail()
                  + ": fix the path from the edge to the origin (origin host and port, Host header,"
                  + " TLS to the origin, firewall or allowlist)."),
          new Rule(
              "gateway failure, origin configured but not probed",
              c -> isGatewayFailure(c.code()) && c.originUrl().isPresent() && !c.originProbed(),
              Hop.ORIGIN,
              c -> "The edge could not get a good answer from its upstream ("
                  + c.failure().detail()
                  + "): check the origin; the configured <origin> is probed directly only when"
                  + " the check ends DOWN."),
          new Rule(
              "gateway failure, origin not probed",
              c -> isGatewayFailure(c.code()),
              Hop.ORIGIN,
              c -> "The edge could not get a good answer from its upstream ("
                  + c.failure().detail()
                  + "): check the origin; the origin was not probed directly, add <origin> to tell"
                  + " the edge from the origin."),
          new Rule(
              "any other unexpected answer",
              c -> true,
              Hop.ORIGIN,
              c -> "The site answered " + c.failure().detail()
                  + ": check the application and the configuration that produces this answer."));

  private Diagnosis() {}

  /** The finding for a failed check. */
  public static Finding diagnose(Case c) {
    for (Rule rule : RULES) {
      if (rule.applies().test(c)) {
        return new Finding(
            c.code(), rule.hop(), rule.summary().apply(c), Runbooks.link(c.code(), rule.hop()),
            evidence(c));
      }
    }
    throw new IllegalStateException("the last rule applies to every case");
  }

  static boolean isGatewayFailure(String code) {
    return code.equals("HTTP_502")
        || code.equals("HTTP_503")
        || code.equals("HTTP_504")
        || code.equals("READ_TIMEOUT")
        || code.equals("PROTOCOL_ERROR");
  }

  private static final List<String> EVIDENCE_HEADERS =
      List.of(
          "server", "via", "x-cache", "x-served-by", "x-varnish", "cf-ray", "cf-cache-status",
          "x-amz-cf-id", "x-amz-cf-pop", "x-azure-ref", "x-fastly-request-id", "age");

  private static List<String> evidence(Case c) {
    List<String> evidence = new ArrayList<>();
    evidence.add("GET " + c.url() + " -> " + c.failure().detail()
        + " in " + c.failure().outcome().durationMs() + " ms");
    c.failure().outcome().response().ifPresent(r -> evidence.addAll(headerEvidence(r)));
    if (c.origin().isPresent()) {
      ProbeOutcome origin = c.origin().get();
      String seen = c.originFailure().map(Failure::detail).orElse(origin.describe());
      evidence.add("origin GET " + c.originUrl().map(URI::toString).orElse("?") + " -> " + seen + " in " + origin.durationMs() + " ms");
    } else if (c.originUrl().isPresent()) {
      evidence.add("origin " + c.originUrl().get() + " not probed");
    } else {
      evidence.add("origin not probed (no <origin> configured)");
    }
    return evidence;
  }

  private static List<String> headerEvidence(HttpSnapshot r) {
    List<String> lines = new ArrayList<>();
    for (String name : EVIDENCE_HEADERS) {
      r.header(name).ifPresent(v -> lines.add(name + ": " + v));
    }
    return lines;
  }

  private static String hostPort(URI url) {
    int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    return url.getHost() + ":" + port;
  }
}
