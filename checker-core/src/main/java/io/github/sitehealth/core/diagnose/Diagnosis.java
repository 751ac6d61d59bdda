package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which hop to blame for a failed HTTP check, as an on-call engineer would with curl:
 * look at what the edge said, ask the origin directly, compare. The rules are tried top to bottom;
 * the first that applies names the hop and writes the one-sentence summary.
 */
public final class Diagnosis {

  /**
   * What the diagnosis looks at.
   *
   * @param url the public URL
   * @param failure what failed through the public URL
   * @param originUrl the origin probed directly, if one is configured
   * @param origin the origin's own answer, when it was probed
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

    Optional<EdgeFingerprint> edge() {
      return failure.outcome().response().flatMap(EdgeFingerprint::of);
    }
  }

  /** What Cloudflare's own 52x statuses mean; each is about Cloudflare's connection to the origin. */
  private static final Map<Integer, String> CLOUDFLARE =
      Map.of(
          520, "the origin returned an empty, unknown or unexpected response",
          521, "the origin refused the connection (the web server is down or blocks Cloudflare)",
          522, "the connection to the origin timed out",
          523, "the origin is unreachable (DNS or routing to the origin)",
          524, "the origin accepted the connection but did not answer in time",
          525, "the TLS handshake between Cloudflare and the origin failed",
          526, "the origin's certificate is invalid",
          527, "the connection to the origin through Railgun failed");

  private record Rule(String when, Predicate<Case> applies, Hop hop, Function<Case, String> summary) {}

  /** The rule table. The README's "Which hop is broken" section mirrors it row by row. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "the name does not resolve",
              c -> c.code().startsWith("DNS_"),
              Hop.DNS,
              c -> "The host " + c.url().getHost() + " does not resolve ("
                  + c.failure().outcome().detail()
                  + "): check its DNS record at your DNS provider."),
          new Rule(
              "the target is a cloud metadata or link-local address",
              c -> c.code().equals("TARGET_FORBIDDEN"),
              Hop.NETWORK,
              c -> "Refused to connect: " + c.failure().outcome().detail() + ". Such addresses"
                  + " serve a cloud instance's own credentials, so they are checked only with "
                  + MetadataAddresses.OPT_IN + "; if this was not meant, fix the URL, the"
                  + " redirect or the host's DNS record."),
          new Rule(
              "nothing accepts the connection",
              c -> c.code().equals("CONNECT_REFUSED"),
              Hop.NETWORK,
              c -> "Nothing accepts connections on " + hostPort(c.url())
                  + ": check that the server runs and listens on that port, and the firewall."),
          new Rule(
              "the connection times out",
              c -> c.code().equals("CONNECT_TIMEOUT"),
              Hop.NETWORK,
              c -> "No connection to " + hostPort(c.url())
                  + " could be made in time: a firewall or a routing problem drops the packets."),
          new Rule(
              "the connection breaks",
              c -> c.code().equals("CONNECTION_RESET") || c.code().equals("PROBE_ERROR"),
              Hop.NETWORK,
              c -> "The connection to " + hostPort(c.url())
                  + " broke before a complete answer: check the server's and the load balancer's logs."),
          new Rule(
              "the TLS handshake fails",
              c -> c.code().startsWith("TLS_"),
              Hop.TLS,
              Diagnosis::tlsSummary),
          new Rule(
              "a CDN blocks the probe (403/429)",
              Diagnosis::isProbeBlocked,
              Hop.EDGE,
              c -> "Probe blocked: " + c.edge().orElseThrow().vendor() + " answered "
                  + seen(c.failure()) + " to the probe, as its bot or WAF rules do: allow the"
                  + " probe (user agent site-health) or send a token in <headers>."),
          new Rule(
              "the origin fails directly too",
              c -> c.originProbed() && !c.originHealthy(),
              Hop.ORIGIN,
              c -> "The origin fails when asked directly too (" + seen(c.originFailure().orElseThrow())
                  + "): fix the origin server; the edge only passes its failure on."),
          new Rule(
              "the edge timed out and the origin is slower than the edge waited",
              c -> c.originHealthy() && isTimeout(c) && originSlowerThanEdgeWaited(c),
              Hop.ORIGIN,
              c -> "The origin answers, but took " + c.origin().orElseThrow().durationMs()
                  + " ms directly while the edge gave up after " + c.failure().outcome().durationMs()
                  + " ms (" + seen(c.failure()) + "): make the origin faster, or raise the edge's"
                  + " read timeout to match it."),
          new Rule(
              "the origin is healthy directly",
              Case::originHealthy,
              Hop.EDGE,
              c -> "The origin answers " + c.origin().orElseThrow().describe()
                  + " directly, but " + edgeName(c) + " answers " + seen(c.failure())
                  + ": fix the path from the edge to the origin (origin host and port, Host header,"
                  + " TLS to the origin, firewall or allowlist)."),
          new Rule(
              "Cloudflare reports an origin error (520-527), origin not probed",
              c -> c.edge().map(e -> e.vendor().equals("Cloudflare")).orElse(false)
                  && CLOUDFLARE.containsKey(c.failure().status()),
              Hop.ORIGIN,
              c -> "Cloudflare reports " + c.failure().status() + ": "
                  + CLOUDFLARE.get(c.failure().status())
                  + "; " + notProbed(c) + "."),
          new Rule(
              "a gateway failure (502/503/504, timeout), origin not probed",
              c -> isGatewayFailure(c.code()),
              Hop.ORIGIN,
              c -> capitalize(edgeName(c)) + " could not get a good answer from its upstream ("
                  + seen(c.failure()) + "): check the origin; " + notProbed(c) + "."),
          new Rule(
              "any other unexpected answer",
              c -> true,
              Hop.ORIGIN,
              c -> "The site answered " + c.failure().detail()
                  + ": check the application and the configuration that produce this answer."));

  private Diagnosis() {}

  /** The finding for a failed check. */
  public static Finding diagnose(Case c) {
    for (Rule rule : RULES) {
      if (rule.applies().test(c)) {
        String code = isProbeBlocked(c) ? "PROBE_BLOCKED" : c.code();
        return new Finding(
            code, rule.hop(), rule.summary().apply(c), Runbooks.link(code, rule.hop()), evidence(c));
      }
    }
    throw new IllegalStateException("the last rule applies to every case");
  }

  /** Which certificate problem it was, from the handshake's exception, and what to do. */
  private static String tlsSummary(Case c) {
    String host = c.url().getHost();
    String why = c.failure().outcome().detail();
    ProbeError error = c.failure().outcome().error().orElse(ProbeError.TLS);
    return switch (error) {
      case TLS_UNTRUSTED -> "The certificate of " + host + " is untrusted (" + why + "): it is"
          + " self-signed or issued by a CA the JDK does not trust; serve a certificate from a"
          + " public CA with its intermediates, or add your private CA with <trustCertificates>.";
      case TLS_EXPIRED -> "The certificate of " + host + " has expired (" + why + "): renew it"
          + " and reload the server or CDN that serves it.";
      case TLS_WRONG_HOST -> "The certificate of " + host + " is for the wrong host (" + why
          + "): serve a certificate whose subject alternative names include " + host
          + " (check SNI and the CDN's certificate mapping).";
      default -> "The TLS handshake with " + host + " failed (" + why + "): check the server's"
          + " TLS versions, ciphers and certificate chain.";
    };
  }

  /** A 403 or 429 from a CDN with bot protection: the CDN refused the probe, not the visitors. */
  public static boolean isProbeBlocked(Case c) {
    int status = c.failure().status();
    return (status == 403 || status == 429)
        && c.code().startsWith("HTTP_")
        && c.edge().map(EdgeFingerprint::cdn).orElse(false)
        && !c.originProbed();
  }

  static boolean isGatewayFailure(String code) {
    return code.equals("HTTP_502")
        || code.equals("HTTP_503")
        || code.equals("HTTP_504")
        || code.equals("READ_TIMEOUT")
        || code.equals("PROTOCOL_ERROR");
  }

  private static boolean isTimeout(Case c) {
    int status = c.failure().status();
    return c.code().equals("READ_TIMEOUT") || status == 504 || status == 522 || status == 524;
  }

  /** The origin took at least as long as the edge waited before it gave up (10% slack). */
  private static boolean originSlowerThanEdgeWaited(Case c) {
    long edgeWaited = c.failure().outcome().durationMs();
    return c.origin().orElseThrow().durationMs() * 10 >= edgeWaited * 9;
  }

  private static final List<String> EVIDENCE_HEADERS =
      List.of(
          "server", "via", "x-cache", "x-served-by", "x-varnish", "cf-ray", "cf-cache-status",
          "x-amz-cf-id", "x-amz-cf-pop", "x-azure-ref", "x-fastly-request-id", "age",
          "cache-control", "expires", "vary", "retry-after");

  private static List<String> evidence(Case c) {
    List<String> evidence = new ArrayList<>();
    evidence.add("GET " + c.url() + " -> " + c.failure().detail()
        + " in " + c.failure().outcome().durationMs() + " ms");
    c.edge().ifPresent(e -> evidence.add("answered by: " + e.vendor() + " (" + String.join("; ", e.evidence()) + ")"));
    c.failure().outcome().response().ifPresent(r -> evidence.addAll(headerEvidence(r)));
    if (c.origin().isPresent()) {
      ProbeOutcome origin = c.origin().get();
      String seen = c.originFailure().map(Failure::detail).orElse(origin.describe());
      evidence.add("origin GET " + c.originUrl().map(URI::toString).orElse("?") + " -> " + seen
          + " in " + origin.durationMs() + " ms");
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
      // One line per field with its combined value (RFC 9110 section 5.3), not its first line.
      r.field(name).ifPresent(v -> lines.add(name + ": " + v));
    }
    return lines;
  }

  private static String notProbed(Case c) {
    return c.originUrl().isPresent()
        ? "the configured <origin> is probed directly only when the check ends DOWN"
        : "the origin was not probed directly, add <origin> to tell the edge from the origin";
  }

  private static String edgeName(Case c) {
    return c.edge().map(e -> "the edge (" + e.vendor() + ")").orElse("the edge");
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** What a failure showed, briefly: the status line for an HTTP status, else the detail. */
  private static String seen(Failure f) {
    return f.code().startsWith("HTTP_") ? f.outcome().describe() : f.detail();
  }

  private static String hostPort(URI url) {
    int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    return url.getHost() + ":" + port;
  }
}
