package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeError;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.net.IpText;
import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which hop to blame for a failed HTTP check, as an on-call engineer would with curl:
 * look at what the edge said, ask the origin directly, compare. The rules are tried top to bottom;
 * the first that applies names the hop and writes the one-sentence summary.
 */
public final class Diagnosis {

  /**
   * How the evidence lines about the origin begin: {@code origin GET URL -> ANSWER in N ms} when
   * it was asked, {@code origin URL not probed} when it was not, {@code origin not probed (no
   * <origin> configured)} without one.
   */
  public static final String EVIDENCE_ORIGIN = "origin ";

  /**
   * What the diagnosis looks at.
   *
   * @param url the public URL
   * @param failure what failed through the public URL
   * @param originUrl the origin probed directly, if one is configured
   * @param origin the origin's own answer, when it was probed
   * @param originFailure what failed at the origin, empty when it answered as expected
   * @param failOnProbeBlocked whether a CDN blocking the probe is DOWN rather than DEGRADED
   * @param connectTo the address the public URL's host was connected at ({@code <addresses>}
   *     other than first), which a connection failure names; empty: the host's own lookup
   */
  public record Case(
      URI url,
      Failure failure,
      Optional<URI> originUrl,
      Optional<ProbeOutcome> origin,
      Optional<Failure> originFailure,
      boolean failOnProbeBlocked,
      Optional<InetAddress> connectTo) {

    /** A case connecting where the URL's host resolves to. */
    public Case(
        URI url,
        Failure failure,
        Optional<URI> originUrl,
        Optional<ProbeOutcome> origin,
        Optional<Failure> originFailure,
        boolean failOnProbeBlocked) {
      this(url, failure, originUrl, origin, originFailure, failOnProbeBlocked, Optional.empty());
    }

    /** A case where a CDN blocking the probe is DEGRADED, the default. */
    public Case(
        URI url,
        Failure failure,
        Optional<URI> originUrl,
        Optional<ProbeOutcome> origin,
        Optional<Failure> originFailure) {
      this(url, failure, originUrl, origin, originFailure, false);
    }

    boolean originProbed() {
      return origin.isPresent();
    }

    boolean originHealthy() {
      return origin.isPresent() && originFailure.isEmpty();
    }

    FindingCode code() {
      return failure.code();
    }

    boolean is(FindingCode.Kind kind) {
      return failure.code().is(kind);
    }

    int status() {
      return failure.status();
    }

    /**
     * The URL whose fetch failed: after redirects, the last target (not the configured URL,
     * which may have answered its redirect fine), else the public URL.
     */
    URI failedUrl() {
      return failure.outcome().target().orElse(url);
    }

    Optional<EdgeFingerprint> edge() {
      return failure.outcome().response().flatMap(EdgeFingerprint::of);
    }

    /**
     * Whether the answer shows a proxy or CDN between the probe and the content: a status only a
     * gateway sends (502, 504: RFC 9110 sections 15.6.3 and 15.6.5), a {@code Via} field (RFC 9110
     * section 7.6.3), or the fingerprint of a product that only proxies (CDNs, Varnish, HAProxy).
     * nginx and Apache httpd serve content themselves as often as they proxy: their name alone
     * shows no intermediary.
     */
    boolean intermediarySeen() {
      int status = status();
      return status == 502 || status == 504
          || failure.outcome().response().flatMap(r -> r.field("via")).isPresent()
          || edge().map(e -> !WEB_SERVERS.contains(e.vendor())).orElse(false);
    }
  }

  /**
   * The verdict on a check that failed on every attempt.
   *
   * @param status DOWN, or DEGRADED where a row says a failure does not fail the build
   * @param finding the code, the hop, the summary and the evidence
   */
  public record Verdict(CheckStatus status, Finding finding) {}

  /** Products that are as often the origin's own web server as a proxy in front of it. */
  private static final Set<String> WEB_SERVERS = Set.of("nginx", "Apache httpd");

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

  /**
   * One row of the table: when it applies, the hop it blames, the status and code it gives, and
   * the summary it writes.
   */
  private record Rule(
      String when,
      Predicate<Case> applies,
      Hop hop,
      Function<Case, CheckStatus> status,
      Function<Case, FindingCode> code,
      Function<Case, String> summary) {}

  private static Rule rule(String when, Predicate<Case> applies, Hop hop, Function<Case, String> summary) {
    return new Rule(when, applies, hop, c -> c.code().defaultStatus(), Case::code, summary);
  }

  /**
   * The rule table. The README's "Which hop is broken" section mirrors it row by row. A row that
   * needs the origin's answer says so ({@code originProbed}, {@code originHealthy}); the others
   * give the same status and code whether or not an {@code <origin>} is configured.
   */
  private static final List<Rule> RULES =
      List.of(
          rule(
              "the name does not resolve",
              c -> c.is(FindingCode.Kind.DNS),
              Hop.DNS,
              c -> "The host " + host(c.failedUrl()) + " does not resolve ("
                  + c.failure().outcome().detail()
                  + "): check its DNS record at your DNS provider."),
          rule(
              "the target is a cloud metadata or link-local address",
              c -> c.is(FindingCode.Kind.FORBIDDEN_TARGET),
              Hop.NETWORK,
              c -> "Refused to connect: " + c.failure().outcome().detail() + ". Such addresses"
                  + " serve a cloud instance's own credentials, so they are checked only with "
                  + MetadataAddresses.OPT_IN + "; if this was not meant, fix the URL, the"
                  + " redirect or the host's DNS record."),
          rule(
              "nothing accepts the connection",
              c -> c.code().equals(FindingCode.CONNECT_REFUSED),
              Hop.NETWORK,
              c -> "Nothing accepts connections on " + connection(c)
                  + ": check that the server runs and listens on that port, and the firewall."),
          rule(
              "the connection times out",
              c -> c.code().equals(FindingCode.CONNECT_TIMEOUT),
              Hop.NETWORK,
              c -> "No connection to " + connection(c)
                  + " could be made in time: a firewall or a routing problem drops the packets."),
          rule(
              "the connection breaks",
              c -> c.is(FindingCode.Kind.CONNECTION),
              Hop.NETWORK,
              c -> "The connection to " + connection(c)
                  + " broke before a complete answer: check the server's and the load balancer's logs."),
          rule(
              "the TLS handshake fails",
              c -> c.is(FindingCode.Kind.TLS),
              Hop.TLS,
              Diagnosis::tlsSummary),
          new Rule(
              "a CDN blocks the probe (403/429), and the origin, when asked, does not answer the same",
              c -> isProbeBlocked(c) && !originAnswersTheSame(c),
              Hop.EDGE,
              c -> c.failOnProbeBlocked() ? CheckStatus.DOWN : CheckStatus.DEGRADED,
              c -> FindingCode.PROBE_BLOCKED,
              c -> "Probe blocked: " + c.edge().orElseThrow().vendor() + " answered "
                  + seen(c.failure()) + " to the probe, as its bot or WAF rules do"
                  + (c.originHealthy()
                      ? ", while the origin answers " + c.origin().orElseThrow().describe()
                          + " directly"
                      : "")
                  + ": allow the probe (user agent site-health) or send a token in <headers>"
                  + c.originFailure()
                      .map(f -> "; the origin, asked directly, fails too (" + seen(f)
                          + "): check it as well")
                      .orElse("")
                  + "."),
          rule(
              "the edge timed out waiting (504, 524, read timeout) and the origin, asked directly,"
                  + " did not answer in even longer",
              c -> isTimeout(c)
                  && c.originFailure().map(f -> f.code().equals(FindingCode.READ_TIMEOUT)).orElse(false)
                  && originSlowerThanEdgeWaited(c),
              Hop.ORIGIN,
              c -> "The origin is slower than the edge waits: asked directly, it sent no complete"
                  + " answer within " + c.origin().orElseThrow().durationMs() + " ms, while the edge"
                  + " gave up after " + c.failure().outcome().durationMs() + " ms ("
                  + seen(c.failure()) + "): make the origin faster, or raise the edge's read"
                  + " timeout to match it."),
          rule(
              "the origin fails directly too",
              c -> c.originProbed() && !c.originHealthy(),
              Hop.ORIGIN,
              c -> "The origin fails when asked directly too (" + seen(c.originFailure().orElseThrow())
                  + "): fix the origin server; the edge only passes its failure on."),
          rule(
              "the edge timed out waiting (504, 524, read timeout) and the origin is slower than the edge waited",
              c -> c.originHealthy() && isTimeout(c) && originSlowerThanEdgeWaited(c),
              Hop.ORIGIN,
              c -> "The origin answers, but took " + c.origin().orElseThrow().durationMs()
                  + " ms directly while the edge gave up after " + c.failure().outcome().durationMs()
                  + " ms (" + seen(c.failure()) + "): make the origin faster, or raise the edge's"
                  + " read timeout to match it."),
          rule(
              "the origin is healthy directly",
              Case::originHealthy,
              Hop.EDGE,
              c -> "The origin answers " + c.origin().orElseThrow().describe()
                  + " directly, but " + edgeName(c) + " answers " + seen(c.failure())
                  + ": fix the path from the edge to the origin (origin host and port, Host header,"
                  + " TLS to the origin, firewall or allowlist)."),
          rule(
              "Cloudflare reports an origin error (520-527), origin not probed",
              c -> c.edge().map(e -> e.vendor().equals("Cloudflare")).orElse(false)
                  && CLOUDFLARE.containsKey(c.status()),
              Hop.ORIGIN,
              c -> "Cloudflare reports " + c.status() + ": " + CLOUDFLARE.get(c.status())
                  + "; " + notProbed(c) + "."),
          rule(
              "a gateway failure (502/503/504, timeout, not valid HTTP) from a proxy or CDN,"
                  + " origin not probed",
              c -> isGatewayFailure(c.code()) && c.intermediarySeen(),
              Hop.ORIGIN,
              c -> capitalize(edgeName(c)) + " could not get a good answer from its upstream ("
                  + seen(c.failure()) + "): check the origin; " + notProbed(c) + "."),
          rule(
              "no valid answer, or a 503, and nothing shows a proxy or CDN in front of the server,"
                  + " origin not probed",
              c -> isGatewayFailure(c.code()),
              Hop.ORIGIN,
              c -> "The server at " + hostPort(c.failedUrl()) + " " + loneFailure(c) + ", and nothing"
                  + " shows a proxy or CDN in front of it: check that server itself (its error"
                  + " log, its workers, what it waits on)"
                  + (c.originUrl().isPresent()
                      ? "; " + notProbed(c) + "."
                      : "; if a proxy does stand in front of it, add <origin> to tell the two"
                          + " apart.")),
          rule(
              "any other unexpected answer",
              c -> true,
              Hop.ORIGIN,
              c -> "The site answered " + c.failure().detail()
                  + ": check the application and the configuration that produce this answer."));

  private Diagnosis() {}

  /** The finding for a failed check; its status is in {@link #verdict}. */
  public static Finding diagnose(Case c) {
    return verdict(c).finding();
  }

  /** The status and finding for a check that failed on every attempt. */
  public static Verdict verdict(Case c) {
    for (Rule rule : RULES) {
      if (rule.applies().test(c)) {
        FindingCode code = rule.code().apply(c);
        Finding finding =
            new Finding(
                code,
                rule.hop(),
                rule.summary().apply(c),
                Runbooks.link(code, rule.hop()),
                evidence(c),
                c.originProbed());
        return new Verdict(rule.status().apply(c), finding);
      }
    }
    throw new IllegalStateException("the last rule applies to every case");
  }

  /** What a lone server did, in words, for the row that blames it. */
  private static String loneFailure(Case c) {
    if (c.code().equals(FindingCode.READ_TIMEOUT)) {
      return "accepted the connection but sent no complete answer ("
          + c.failure().outcome().detail() + ")";
    }
    if (c.code().equals(FindingCode.PROTOCOL_ERROR)) {
      return "answered with something that is not valid HTTP (" + c.failure().outcome().detail() + ")";
    }
    return "answered " + seen(c.failure()) + ": it is overloaded or down for maintenance"
        + " (RFC 9110 section 15.6.4)";
  }

  /** Which certificate problem it was, from the handshake's exception, and what to do. */
  private static String tlsSummary(Case c) {
    String host = host(c.failedUrl());
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
  /**
   * The origin, asked directly, gives the very answer the CDN gave: the refusal is the origin's
   * own, passed on, not the CDN's bot rules.
   */
  private static boolean originAnswersTheSame(Case c) {
    return c.originFailure().map(f -> f.code().equals(c.code())).orElse(false);
  }

  static boolean isProbeBlocked(Case c) {
    int status = c.code().httpStatus();
    return (status == 403 || status == 429) && c.edge().map(EdgeFingerprint::cdn).orElse(false);
  }

  static boolean isGatewayFailure(FindingCode code) {
    int status = code.httpStatus();
    return status == 502
        || status == 503
        || status == 504
        || code.equals(FindingCode.READ_TIMEOUT)
        || code.equals(FindingCode.PROTOCOL_ERROR);
  }

  /**
   * A timeout waiting for the answer: our own read timeout, a gateway's 504 (RFC 9110 section
   * 15.6.5) or Cloudflare's 524. Not Cloudflare's 522, which is a timeout connecting to the
   * origin: an origin slow to answer does not explain it.
   */
  private static boolean isTimeout(Case c) {
    int status = c.code().httpStatus();
    return c.code().equals(FindingCode.READ_TIMEOUT) || status == 504 || status == 524;
  }

  /**
   * Below this an origin is not "slow": proxies' read timeouts are seconds (nginx's
   * proxy_read_timeout defaults to 60 s), and a few milliseconds either way are noise.
   */
  private static final long SLOW_ORIGIN_MS = 500;

  /** The origin took at least as long as the edge waited before it gave up (10% slack). */
  private static boolean originSlowerThanEdgeWaited(Case c) {
    long edgeWaited = c.failure().outcome().durationMs();
    long originTook = c.origin().orElseThrow().durationMs();
    return originTook >= SLOW_ORIGIN_MS && originTook * 10 >= edgeWaited * 9;
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
    evidence.addAll(redirectEvidence(c.failure().outcome()));
    c.edge().ifPresent(e -> evidence.add("answered by: " + e.vendor() + " (" + String.join("; ", e.evidence()) + ")"));
    c.failure().outcome().response().ifPresent(r -> evidence.addAll(headerEvidence(r)));
    if (c.origin().isPresent()) {
      ProbeOutcome origin = c.origin().get();
      String seen = c.originFailure().map(Failure::detail).orElse(origin.describe());
      evidence.add(EVIDENCE_ORIGIN + "GET " + c.originUrl().map(URI::toString).orElse("?") + " -> " + seen
          + " in " + origin.durationMs() + " ms");
      redirectEvidence(origin).forEach(line -> evidence.add(EVIDENCE_ORIGIN + line));
    } else if (c.originUrl().isPresent()) {
      evidence.add(EVIDENCE_ORIGIN + c.originUrl().get() + " not probed");
    } else {
      evidence.add(EVIDENCE_ORIGIN + "not probed (no <origin> configured)");
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
    return f.code().is(FindingCode.Kind.HTTP_STATUS) ? f.outcome().describe() : f.detail();
  }

  /**
   * Where the failed connection went: the address it was made to when the check connects to each
   * address of the host ({@code [::1]:443}), else the URL's host and port. A redirect to another
   * host was looked up as usual, and is named by its host.
   */
  private static String connection(Case c) {
    Optional<UrlHost> failed = UrlHost.of(c.failedUrl());
    if (c.connectTo().isPresent() && failed.isPresent()
        && UrlHost.sameName(failed.get().name(), UrlHost.parse(c.url()).name())) {
      return IpText.of(new InetSocketAddress(c.connectTo().get(), failed.get().port()));
    }
    return hostPort(c.failedUrl());
  }

  private static String hostPort(URI url) {
    return UrlHost.of(url).map(UrlHost::hostPort).orElse(String.valueOf(url.getRawAuthority()));
  }

  private static String host(URI url) {
    return UrlHost.of(url).map(UrlHost::host).orElse(String.valueOf(url.getRawAuthority()));
  }

  /** {@code "redirect 1: 301 Moved Permanently -> https://other.example.test/"}, one per hop. */
  static List<String> redirectEvidence(ProbeOutcome outcome) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < outcome.redirects().size(); i++) {
      lines.add("redirect " + (i + 1) + ": " + outcome.redirects().get(i).describe());
    }
    return lines;
  }
}
