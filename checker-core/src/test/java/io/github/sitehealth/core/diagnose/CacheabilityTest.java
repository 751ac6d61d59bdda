package io.github.sitehealth.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.diagnose.Cacheability.Verdict;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.HttpSnapshot;
import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.http.ProbeRequest;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.Varnish;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a shared cache may store and for how long (RFC 9111), judged on real nginx answers: each
 * location sends the headers of one case, as separate field lines where it says so.
 */
class CacheabilityTest {

  private static int port;
  private static int varnishPort;
  private static Nginx nginx;
  private static Varnish varnish;
  private static HttpProbe probe;

  /** Location name to its add_header lines (all "always", so they apply to every status). */
  private static final Map<String, String> LOCATIONS = Map.ofEntries(
      Map.entry("max-age", "Cache-Control max-age=600"),
      Map.entry("s-maxage-zero", "Cache-Control \"s-maxage=0, max-age=600\""),
      Map.entry("s-maxage-wins", "Cache-Control \"max-age=60, s-maxage=600\""),
      Map.entry("split", "Cache-Control public|Cache-Control max-age=300"),
      Map.entry("split-no-store", "Cache-Control max-age=300|Cache-Control no-store"),
      Map.entry("no-store-upper", "Cache-Control \"NO-STORE, MAX-AGE=600\""),
      Map.entry("upper-max-age", "Cache-Control \"Public, Max-Age=600\""),
      Map.entry("quoted", "Cache-Control 'max-age=\"600\"'"),
      Map.entry("private", "Cache-Control \"private, max-age=600\""),
      Map.entry("private-qualified",
          "Cache-Control 'private=\"Set-Cookie\", max-age=600'|Set-Cookie \"session=1; Path=/\""),
      Map.entry("private-qualified-no-cookie", "Cache-Control 'private=\"X-Session\", max-age=600'"),
      Map.entry("set-cookie", "Cache-Control max-age=600|Set-Cookie \"session=1; Path=/\""),
      Map.entry("no-cache", "Cache-Control \"no-cache, max-age=600\""),
      Map.entry("no-cache-qualified", "Cache-Control 'no-cache=\"Set-Cookie\", max-age=600'"),
      Map.entry("max-age-zero", "Cache-Control max-age=0"),
      Map.entry("max-age-invalid", "Cache-Control max-age=ten"),
      Map.entry("max-age-conflict", "Cache-Control max-age=600|Cache-Control max-age=60"),
      Map.entry("huge", "Cache-Control max-age=99999999999999999999"),
      Map.entry("must-revalidate", "Cache-Control \"max-age=600, must-revalidate\""),
      Map.entry("expires-future", "Expires \"Thu, 01 Jan 2099 00:00:00 GMT\""),
      Map.entry("expires-past", "Expires \"Sun, 06 Nov 1994 08:49:37 GMT\""),
      Map.entry("expires-rfc850", "Expires \"Sunday, 06-Nov-94 08:49:37 GMT\""),
      Map.entry("expires-invalid", "Expires 0"),
      Map.entry("expires-and-max-age",
          "Expires \"Sun, 06 Nov 1994 08:49:37 GMT\"|Cache-Control max-age=600"),
      Map.entry("age-used", "Cache-Control max-age=600|Age 100"),
      Map.entry("age-stale", "Cache-Control max-age=600|Age 600"),
      Map.entry("vary-star", "Cache-Control max-age=600|Vary *"),
      Map.entry("vary-star-second-line", "Cache-Control max-age=600|Vary Origin|Vary *"),
      Map.entry("vary-origin", "Cache-Control max-age=600|Vary Origin"),
      Map.entry("cdn-cache-control-allows",
          "Cache-Control \"private, no-store\"|CDN-Cache-Control max-age=600"),
      Map.entry("cdn-cache-control-forbids",
          "Cache-Control max-age=600|Expires \"Thu, 01 Jan 2099 00:00:00 GMT\"|CDN-Cache-Control no-store"),
      Map.entry("cdn-cache-control-ignores-expires",
          "CDN-Cache-Control public|Expires \"Thu, 01 Jan 2099 00:00:00 GMT\""),
      Map.entry("public-only", "Cache-Control public"),
      Map.entry("nothing", ""),
      Map.entry("public-with-auth", "Cache-Control \"public, max-age=600\""),
      Map.entry("s-maxage-with-auth", "Cache-Control s-maxage=600"));

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    Varnish.require();
    port = RealServer.freePort();
    StringBuilder server = new StringBuilder("server {\n  listen 127.0.0.1:" + port + ";\n");
    LOCATIONS.forEach((name, headers) -> {
      server.append("  location = /").append(name).append(" {");
      for (String header : headers.split("\\|")) {
        if (!header.isEmpty()) {
          server.append(" add_header ").append(header).append(" always;");
        }
      }
      server.append(" return 200 \"").append(name).append("\\n\"; }\n");
    });
    server.append("  location = /found { add_header X-Note none always; return 302 /max-age; }\n");
    server.append("}");
    nginx = Nginx.start(server.toString(), port);
    varnishPort = RealServer.freePort();
    varnish = Varnish.start(varnishPort, port);
    probe = new HttpProbe(8, 8, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    if (probe != null) {
      probe.close();
    }
    for (AutoCloseable server : new AutoCloseable[] {varnish, nginx}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static Cacheability judge(String path, boolean authorized) {
    ProbeOutcome outcome =
        probe.fetch(new ProbeRequest(url(path), Map.of(), Duration.ofSeconds(8), Optional.empty(), false));
    HttpSnapshot response = outcome.response().orElseThrow(() -> new AssertionError(outcome.describe()));
    return Cacheability.judge(response, authorized, Instant.now());
  }

  @ParameterizedTest(name = "{0}: {1}, {2} s")
  @CsvSource({
      // explicit lifetimes, RFC 9111 section 4.2.1: s-maxage > max-age > Expires
      "/max-age,               FRESH,         600, 'Cache-Control: max-age=600'",
      "/s-maxage-wins,         FRESH,         600, 'it takes precedence over max-age=60'",
      "/s-maxage-zero,         STALE,         0,   's-maxage=0 (it takes precedence over max-age=600'",
      "/max-age-zero,          STALE,         0,   'not fresh for a shared cache'",
      "/max-age-invalid,       STALE,         0,   'max-age=ten is not a number of seconds'",
      "/max-age-conflict,      STALE,         0,   'conflicting max-age values'",
      "/huge,                  FRESH,         2147483648, 'max-age=2147483648'",
      "/must-revalidate,       FRESH,         600, 'max-age=600'",
      // directive names are case-insensitive (RFC 9111 section 5.2); a quoted max-age is one a
      // sender must not generate (section 5.2.2.1), and Varnish ignores it
      "/upper-max-age,         FRESH,         600, 'max-age=600'",
      "/quoted,                STALE,         0,   'is in the quoted form, which a sender must not generate'",
      "/no-store-upper,        NOT_STORABLE,  0,   'no-store'",
      // one field over two lines (RFC 9110 section 5.3)
      "/split,                 FRESH,         300, 'max-age=300'",
      "/split-no-store,        NOT_STORABLE,  0,   'no-store forbids every cache to store it'",
      // private and no-cache, RFC 9111 sections 5.2.2.7 and 5.2.2.4
      "/private,               NOT_STORABLE,  0,   'not a CDN or proxy'",
      "/private-qualified,     SET_COOKIE,    600, 'would let a shared cache store it without the cookie'",
      "/private-qualified-no-cookie, FRESH,   600, 'max-age=600'",
      "/no-cache,              STALE,         0,   'every request must be revalidated'",
      "/no-cache-qualified,    FRESH,         600, 'max-age=600'",
      // Expires, RFC 9111 section 5.3: invalid means already expired, max-age overrides it
      "/expires-past,          STALE,         0,   'Expires: Sun, 06 Nov 1994 08:49:37 GMT is 0 s after its Date'",
      "/expires-rfc850,        STALE,         0,   'Expires: Sunday, 06-Nov-94 08:49:37 GMT is 0 s'",
      "/expires-invalid,       STALE,         0,   'is not a valid HTTP date, which means already expired'",
      "/expires-and-max-age,   FRESH,         600, 'max-age=600'",
      // Age, RFC 9111 section 4.2.3
      "/age-stale,             STALE,         600, 'its age is 600 s'",
      // Vary: *, RFC 9110 section 12.5.5
      "/vary-star,             NEVER_MATCHES, 0,   'Vary: * never matches'",
      "/vary-star-second-line, NEVER_MATCHES, 0,   'Vary: * never matches'",
      "/vary-origin,           FRESH,         600, 'max-age=600'",
      // no explicit lifetime: heuristic (section 4.2.2); a 302 is not heuristically cacheable
      "/public-only,           HEURISTIC,     0,   'no explicit freshness lifetime'",
      "/nothing,               HEURISTIC,     0,   'for how long is its own heuristic'",
      "/found,                 NOT_STORABLE,  0,   'status 302 is not cacheable by default'",
      // CDN-Cache-Control replaces Cache-Control and Expires for a CDN (RFC 9213 section 2.2)
      "/cdn-cache-control-allows,  FRESH,   600, 'CDN-Cache-Control: max-age=600'",
      "/cdn-cache-control-forbids, NOT_STORABLE, 0, 'CDN-Cache-Control: no-store forbids'",
      "/cdn-cache-control-ignores-expires, HEURISTIC, 0, 'and Expires is ignored beside CDN-Cache-Control'",
      // Set-Cookie on an otherwise fresh response: CDNs do not cache it
      "/set-cookie,            SET_COOKIE,    600, 'it sets a cookie (Set-Cookie)'",
  })
  void aSharedCacheJudgesTheRealResponseByRfc9111(
      String path, Verdict verdict, long lifetime, String reason) {
    Cacheability c = judge(path, false);

    assertThat(c.verdict()).as(c.reason()).isEqualTo(verdict);
    assertThat(c.freshnessSeconds()).isEqualTo(lifetime);
    assertThat(c.reason()).contains(reason);
  }

  @Test
  void anAgeBelowTheLifetimeLeavesItFreshAndIsReported() {
    Cacheability c = judge("/age-used", false);

    assertThat(c.verdict()).isEqualTo(Verdict.FRESH);
    assertThat(c.ageSeconds()).isGreaterThanOrEqualTo(100).isLessThan(600);
    assertThat(c.reason()).contains("s of it used (age)");
  }

  @Test
  void aFutureExpiresIsALifetimeCountedFromTheDate() {
    Cacheability c = judge("/expires-future", false);

    assertThat(c.verdict()).isEqualTo(Verdict.FRESH);
    long toExpiry = Duration.between(Instant.now(), Instant.parse("2099-01-01T00:00:00Z")).toSeconds();
    // Date has a resolution of a second, and the test takes some: a generous margin.
    assertThat(c.freshnessSeconds()).isBetween(toExpiry - 120, toExpiry + 120);
  }

  /** RFC 9111 section 3.5: with Authorization, only public, s-maxage or must-revalidate allow it. */
  @ParameterizedTest(name = "{0} with Authorization: {1}")
  @CsvSource({
      "/max-age,            NOT_STORABLE",
      "/public-with-auth,   FRESH",
      "/s-maxage-with-auth, FRESH",
      "/must-revalidate,    FRESH",
  })
  void aRequestWithAuthorizationNeedsExplicitPermission(String path, Verdict verdict) {
    Cacheability c = judge(path, true);

    assertThat(c.verdict()).as(c.reason()).isEqualTo(verdict);
    if (verdict == Verdict.NOT_STORABLE) {
      assertThat(c.reason()).contains("the request carries Authorization").contains("section 3.5");
    }
  }

  /**
   * A real shared cache agrees: Varnish 7.1 with its built-in VCL, in front of the same nginx,
   * serves the second request from its store (X-Varnish carries two transaction ids on a hit)
   * exactly when the verdict is FRESH. Cases where Varnish's defaults go beyond RFC 9111 are
   * left out: it caches responses without any lifetime for its default TTL (a heuristic,
   * section 4.2.2), never caches a request with Authorization, and takes a qualified {@code
   * private="X-Session"} for {@code private} (its built-in VCL matches the word).
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "/max-age", "/s-maxage-wins", "/s-maxage-zero", "/split", "/split-no-store",
      "/no-store-upper", "/upper-max-age", "/quoted", "/private", "/private-qualified",
      "/set-cookie", "/no-cache", "/max-age-zero", "/expires-future", "/expires-past",
      "/expires-and-max-age", "/age-stale", "/age-used", "/vary-star", "/vary-origin"})
  void varnishServesFromItsCacheExactlyWhenTheVerdictIsFresh(String path) {
    URI viaVarnish = URI.create("http://127.0.0.1:" + varnishPort + path);
    HttpSnapshot first = probe.fetch(new ProbeRequest(viaVarnish, Map.of(), Duration.ofSeconds(8), Optional.empty(), false))
        .response().orElseThrow();
    HttpSnapshot second = probe.fetch(new ProbeRequest(viaVarnish, Map.of(), Duration.ofSeconds(8), Optional.empty(), false))
        .response().orElseThrow();
    boolean hit = second.field("X-Varnish").orElse("").trim().split("\\s+").length == 2;

    Cacheability verdict = Cacheability.judge(first, false, Instant.now());
    assertThat(hit).as(path + ": " + verdict.reason()).isEqualTo(verdict.servedFromCache());
  }

  private static CheckResult check(Endpoint endpoint) {
    return new HttpCheck(probe).run(endpoint.spec());
  }

  private static Endpoint cacheable(String path) {
    return Endpoint.named("asset", url(path).toString()).timeoutMs(8000).retries(0).expectCacheable(true);
  }

  @Test
  void sMaxAgeZeroFailsExpectCacheableThoughMaxAgeIsLong() {
    CheckResult result = check(cacheable("/s-maxage-zero"));

    Finding f = result.finding().orElseThrow();
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(f.code().id()).isEqualTo("NOT_CACHEABLE");
    assertThat(f.hop()).isEqualTo(Hop.ORIGIN);
    assertThat(f.runbook()).isEqualTo("runbooks/expectations.html#not-cacheable");
    assertThat(f.summary()).isEqualTo("The site answered Cache-Control: s-maxage=0 (it takes"
        + " precedence over max-age=600 for a shared cache): not fresh for a shared cache, every"
        + " request goes to the origin (RFC 9111 section 4.2.1): check the application and the"
        + " configuration that produce this answer.");
  }

  @Test
  void aCookieOnACacheableResponseIsNotCacheableWithItsOwnWording() {
    Finding f = check(cacheable("/set-cookie")).finding().orElseThrow();

    assertThat(f.code().id()).isEqualTo("NOT_CACHEABLE");
    assertThat(f.summary()).contains("but it sets a cookie (Set-Cookie), and CDNs")
        .endsWith("drop the cookie from responses that should be cached: check the application and"
            + " the configuration that produce this answer.");
  }

  @Test
  void varyStarIsNotCacheableWithItsOwnWording() {
    Finding f = check(cacheable("/vary-star-second-line")).finding().orElseThrow();

    assertThat(f.code().id()).isEqualTo("NOT_CACHEABLE");
    assertThat(f.summary()).contains("Vary: * never matches a later request");
    // The evidence shows the headers that decided, each field on one line.
    assertThat(f.evidence()).contains("cache-control: max-age=600", "vary: Origin, *");
  }

  @Test
  void noCacheSaysItIsStoredButRevalidated() {
    Finding f = check(cacheable("/no-cache")).finding().orElseThrow();

    assertThat(f.summary()).contains("no-cache lets caches store it, but every request must be"
        + " revalidated with the origin first");
  }

  @Test
  void aConfiguredAuthorizationHeaderCounts() {
    Finding f = check(cacheable("/max-age").header("Authorization", "Bearer t0ken")).finding().orElseThrow();

    assertThat(f.code().id()).isEqualTo("NOT_CACHEABLE");
    assertThat(f.summary()).contains("the request carries Authorization");
    assertThat(check(cacheable("/public-with-auth").header("Authorization", "Bearer t0ken")).status())
        .isEqualTo(CheckStatus.UP);
  }

  @Test
  void freshResponsesPass() {
    for (String path : new String[] {"/max-age", "/split", "/expires-future", "/private-qualified-no-cookie"}) {
      assertThat(check(cacheable(path)).status()).as(path).isEqualTo(CheckStatus.UP);
    }
  }
}
