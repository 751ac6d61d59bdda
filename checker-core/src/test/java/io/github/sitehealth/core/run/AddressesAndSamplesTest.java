package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.dns.NsdServer;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <addresses>} and {@code <samples>} against real servers: NSD answers several A and AAAA
 * records for one name (the test zone's {@code pool}, {@code dual}, {@code spread}), nginx
 * listens on some of those loopback addresses (127.0.0.2-4, ::1) and answers differently on each,
 * and an nginx upstream pool of two members, one answering 502 with {@code proxy_next_upstream
 * off}, gives a real intermittent 502.
 */
class AddressesAndSamplesTest {

  private static final Optional<Path> NSD = NsdServer.locate();

  private static NsdServer nsd;
  private static Nginx nginx;
  /** pool: 127.0.0.2 and ::1 answer 200, 127.0.0.3 refuses, 127.0.0.4 answers 502. */
  private static int pool;
  /** dual: 127.0.0.2 answers 200, ::1 answers 502. */
  private static int dual;
  /** spread: 127.0.0.2 and 127.0.0.4 both proxy to a two-member pool, one member failing. */
  private static int spread;
  /** spread again: 127.0.0.2 answers 200, 127.0.0.4 proxies to the pool with a failing member. */
  private static int oneBad;
  /** 127.0.0.1: a proxy in front of a two-member pool, one member answering 502. */
  private static int flaky;

  @BeforeAll
  static void startServers() throws Exception {
    Nginx.require();
    if (NSD.isEmpty()) {
      return;
    }
    pool = RealServer.freePort();
    dual = RealServer.freePort();
    spread = RealServer.freePort();
    flaky = RealServer.freePort();
    oneBad = RealServer.freePort();
    int good = RealServer.freePort();
    int bad = RealServer.freePort();
    int closed = RealServer.freePort();
    nginx = Nginx.start(String.join("\n",
        "upstream members { server 127.0.0.1:" + good + "; server 127.0.0.1:" + bad + "; }",
        "upstream members2 { server 127.0.0.1:" + good + "; server 127.0.0.1:" + bad + "; }",
        "upstream members5 { server 127.0.0.1:" + good + "; server 127.0.0.1:" + bad + "; }",
        "upstream members4 { server 127.0.0.1:" + good + "; server 127.0.0.1:" + bad + "; }",
        "server { listen 127.0.0.1:" + good + "; location / { return 200 \"member ok\\n\"; } }",
        "server { listen 127.0.0.1:" + bad + ";",
        "  location / { return 502 \"member b: upstream of its own is down\\n\"; } }",
        // pool and dual: what each address answers
        "server { listen 127.0.0.1:" + pool + "; listen 127.0.0.2:" + pool + "; listen [::1]:" + pool
            + "; listen 127.0.0.2:" + dual + "; listen 127.0.0.2:" + oneBad + ";",
        "  location / { return 200 \"ok\\n\"; }",
        "  location /slow { echo_sleep 5; echo ok; } }",
        "server { listen 127.0.0.4:" + pool + "; listen [::1]:" + dual + ";",
        "  location / { proxy_pass http://127.0.0.1:" + closed + "; } }",
        // the intermittent 502: round robin over a good and a bad member, no retry on the other
        "server { listen 127.0.0.1:" + flaky + ";",
        "  location / { proxy_next_upstream off; proxy_pass http://members; } }",
        "server { listen 127.0.0.2:" + spread + ";",
        "  location / { proxy_next_upstream off; proxy_pass http://members2; } }",
        "server { listen 127.0.0.4:" + oneBad + ";",
        "  location / { proxy_next_upstream off; proxy_pass http://members5; } }",
        "server { listen 127.0.0.4:" + spread + ";",
        "  location / { proxy_next_upstream off; proxy_pass http://members4; } }"),
        pool, flaky, good, bad);
    nsd = NsdServer.startTestZones(RealServer.freePort());
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    if (nsd != null) {
      nsd.close();
    }
  }

  @BeforeEach
  void needsNsd() {
    NsdServer.skipWithout(NSD);
  }

  private static CheckResult check(String url, UnaryOperator<EndpointConfig.Builder> settings) {
    EndpointConfig endpoint =
        settings.apply(EndpointConfig.builder("home", url).timeoutMs(5000L).retries(0)).build();
    RunConfig config =
        RunConfig.builder().endpoints(List.of(endpoint)).resolver(nsd.address()).build();
    return new CheckRunner(r -> {}).run(SpecParser.parse(config)).checks().get(0);
  }

  private static AddressResult row(CheckResult r, String address) {
    return r.addresses().stream().filter(a -> a.address().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void everyAddressIsProbedAndTheFindingNamesExactlyTheOnesThatFail() {
    CheckResult r = check("http://pool.example.test:" + pool + "/", e -> e.addresses("all"));

    assertThat(r.addresses()).extracting(AddressResult::address)
        .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4", "::1");
    assertThat(row(r, "127.0.0.2").status()).isEqualTo(CheckStatus.UP);
    assertThat(row(r, "::1").status()).isEqualTo(CheckStatus.UP);
    assertThat(row(r, "127.0.0.3").code()).contains(FindingCode.CONNECT_REFUSED);
    assertThat(row(r, "127.0.0.3").hop()).contains(Hop.NETWORK);
    assertThat(row(r, "127.0.0.4").code()).contains(FindingCode.http(502));
    assertThat(row(r, "127.0.0.4").observed()).startsWith("502 Bad Gateway");

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = r.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.SOME_ADDRESSES_FAIL);
    assertThat(f.summary())
        .startsWith("2 of 4 addresses fail: 127.0.0.3 refuses the connection;"
            + " 127.0.0.4 answers 502 Bad Gateway; 127.0.0.2, ::1 pass.");
    // The address connected to, not the host that has four.
    assertThat(f.summary()).contains(" On 127.0.0.3: Nothing accepts connections on 127.0.0.3:"
        + pool + ": ");
    assertThat(f.runbook()).isEqualTo("runbooks/partial-failures.html#one-address-fails");
    assertThat(f.evidence()).anySatisfy(l -> assertThat(l).startsWith("address 127.0.0.3 DOWN CONNECT_REFUSED (network): "));
    // Never the JDK's debugging form of an address ("pool.example.test/127.0.0.3").
    assertThat(f.evidence()).noneSatisfy(l -> assertThat(l).contains("/127.0.0.3"));
    assertThat(row(r, "127.0.0.3").observed()).doesNotContain("/127.0.0.3");
  }

  @Test
  void theUrlsHostIsKeptForTheHostHeaderOnEveryAddress() {
    CheckResult r = check("http://pool.example.test:" + pool + "/",
        e -> e.addresses("ipv4").expectBody("^ok"));

    assertThat(r.addresses()).extracting(AddressResult::address)
        .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
    assertThat(row(r, "127.0.0.2").status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void ipv6FailingWhileIpv4WorksIsSaidSo() {
    CheckResult r = check("http://dual.example.test:" + dual + "/",
        e -> e.addresses("all"));

    assertThat(r.addresses()).extracting(AddressResult::address).containsExactly("127.0.0.2", "::1");
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    assertThat(r.finding().orElseThrow().summary())
        .startsWith("IPv6 fails while IPv4 works. 1 of 2 addresses fails: ::1 answers 502 Bad Gateway;"
            + " 127.0.0.2 passes.");
  }

  @Test
  void onlyTheIpv6AddressesWithIpv6() {
    CheckResult r = check("http://dual.example.test:" + dual + "/", e -> e.addresses("ipv6"));

    assertThat(r.addresses()).extracting(AddressResult::address).containsExactly("::1");
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    // every probed address fails: the failure's own code, not a partial one
    assertThat(r.finding().orElseThrow().code()).isEqualTo(FindingCode.http(502));
    assertThat(r.finding().orElseThrow().summary()).startsWith("The only address fails: ::1 answers 502");
  }

  @Test
  void aHostWithoutAnAaaaRecordCannotBeCheckedOverIpv6() {
    CheckResult r = check("http://v4only.example.test:" + dual + "/", e -> e.addresses("ipv6"));

    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = r.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.DNS_NODATA);
    assertThat(f.hop()).isEqualTo(Hop.DNS);
    assertThat(f.summary()).startsWith("v4only.example.test has no AAAA record");
  }

  @Test
  void aNameThatDoesNotExistKeepsItsDnsFinding() {
    CheckResult r = check("http://nowhere.example.test:" + dual + "/", e -> e.addresses("all"));

    assertThat(r.finding().orElseThrow().code()).isEqualTo(FindingCode.DNS_NXDOMAIN);
    assertThat(r.addresses()).isEmpty();
  }

  @Test
  void samplesThroughAPoolWithOneBadMemberSeeTheRateAndTheMembersAnswers() {
    CheckResult r = check("http://127.0.0.1:" + flaky + "/", e -> e.samples(20).sampleWindowMs(400L));

    var sampling = r.sampling().orElseThrow();
    assertThat(sampling.samples()).isEqualTo(20);
    // round robin over one good and one bad member: every other request (RFC 9110 §15.6.3)
    assertThat(sampling.failureRate()).isBetween(30.0, 70.0);
    assertThat(sampling.failures()).allSatisfy(s -> {
      assertThat(s.status()).contains(502);
      assertThat(s.code()).isEqualTo(FindingCode.http(502));
      assertThat(s.observed()).startsWith("502 Bad Gateway");
    });
    assertThat(r.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = r.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.SOME_REQUESTS_FAIL);
    assertThat(f.summary()).startsWith(sampling.failed() + " of 20 samples fail (")
        .contains("at most 0 % allowed): HTTP_502 x" + sampling.failed());
    assertThat(f.runbook()).isEqualTo("runbooks/partial-failures.html#some-requests-fail");
    assertThat(f.evidence()).anySatisfy(l -> assertThat(l).matches("sample \\d+ at .*, \\d+ ms: HTTP_502, 502 Bad Gateway.*"));
  }

  @Test
  void aRateWithinTheAllowedOneIsDegraded() {
    CheckResult r = check("http://127.0.0.1:" + flaky + "/",
        e -> e.samples(10).maxFailureRate(80.0));

    assertThat(r.sampling().orElseThrow().failed()).isPositive();
    assertThat(r.status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(r.finding().orElseThrow().code()).isEqualTo(FindingCode.SOME_REQUESTS_FAIL);
  }

  @Test
  void aHealthyEndpointSampledIsUp() {
    CheckResult r = check("http://127.0.0.1:" + pool + "/", e -> e.samples(5));

    assertThat(r.status()).isEqualTo(CheckStatus.UP);
    assertThat(r.sampling().orElseThrow().failed()).isZero();
    assertThat(r.finding()).isEmpty();
  }

  @Test
  void theRatePerAddressTellsOneBadNodeFromAFlakyPool() {
    CheckResult bad = check("http://pool.example.test:" + pool + "/",
        e -> e.addresses("ipv4").samples(4));
    assertThat(bad.finding().orElseThrow().code()).isEqualTo(FindingCode.SOME_ADDRESSES_FAIL);
    assertThat(bad.finding().orElseThrow().summary())
        .startsWith("2 of 3 addresses fail: 127.0.0.3 refuses the connection; 127.0.0.4 answers"
            + " 502 Bad Gateway; 127.0.0.2 passes. On 127.0.0.3: ");
    assertThat(row(bad, "127.0.0.2").failureRate()).isZero();
    assertThat(row(bad, "127.0.0.3").failureRate()).isEqualTo(100.0);
    assertThat(row(bad, "127.0.0.4").failureRate()).isEqualTo(100.0);

    CheckResult flakyPool = check("http://spread.example.test:" + spread + "/",
        e -> e.addresses("all").samples(10));
    assertThat(flakyPool.addresses()).extracting(AddressResult::address)
        .containsExactly("127.0.0.2", "127.0.0.4");
    assertThat(flakyPool.addresses()).allSatisfy(a -> assertThat(a.failureRate()).isBetween(30.0, 70.0));
    Finding f = flakyPool.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.SOME_REQUESTS_FAIL);
    assertThat(f.code()).isEqualTo(FindingCode.SOME_REQUESTS_FAIL);
    assertThat(f.summary()).contains("The failures are spread over every address (2)");
    assertThat(flakyPool.sampling().orElseThrow().failures())
        .extracting(Sample::address).allSatisfy(a -> assertThat(a).isPresent());
  }

  @Test
  void failuresOnOneAddressOnlyAreOneBadNode() {
    CheckResult r = check("http://spread.example.test:" + oneBad + "/",
        e -> e.addresses("all").samples(10).maxFailureRate(80.0));

    assertThat(row(r, "127.0.0.2").failedSamples()).isZero();
    assertThat(row(r, "127.0.0.4").failureRate()).isBetween(30.0, 70.0);
    assertThat(row(r, "127.0.0.4").status()).isEqualTo(CheckStatus.DEGRADED);
    assertThat(r.status()).isEqualTo(CheckStatus.DEGRADED);
    Finding f = r.finding().orElseThrow();
    assertThat(f.code()).isEqualTo(FindingCode.SOME_REQUESTS_FAIL);
    assertThat(f.summary())
        .contains("Every failure is on 127.0.0.4 (" + row(r, "127.0.0.4").failedSamples()
            + " of 10), none on the other addresses: one bad node.")
        .contains("On 127.0.0.4: ");
  }

  /** The whole sampling ends by the window plus the timeout, whatever the server does. */
  @Test
  void samplesOfAServerThatHangsEndByTheWindowPlusTheTimeout() {
    CheckResult r = check("http://127.0.0.1:" + pool + "/slow",
        e -> e.samples(5).timeoutMs(1000L));

    assertThat(r.durationMs()).isLessThan(1000 + 1500);
    assertThat(r.sampling().orElseThrow().samples()).isEqualTo(1);
    assertThat(r.finding().orElseThrow().code()).isEqualTo(FindingCode.READ_TIMEOUT);
  }
}
