package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.dns.DnsClient;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.dns.FakeDnsServer;
import io.github.sitehealth.core.dns.NsdServer;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.run.HttpCheck;
import io.github.sitehealth.core.report.Redactor;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.ServerAddress;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Endpoint;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.core.testing.TestCertificates;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;

/**
 * Host names in every form RFC 3986 §3.2.2 allows, against a real nginx (its answer echoes the
 * {@code Host} header it received and the SNI name, {@code $ssl_server_name}) and a real NSD
 * (the test zone {@code example.test.}); a {@link FakeDnsServer} where the query name on the
 * wire is what is checked. Each form must be UP, send the right Host header (RFC 9110 §7.2: the
 * URL's host and port as written), the right SNI (RFC 6066 §3: the name without a trailing dot,
 * none for an IP literal) and the right DNS query (the name, absolute, with one trailing dot).
 */
class HostNamesTest {

  private static final long TIMEOUT_MS = 5_000;
  private static final Duration BUDGET = Duration.ofMillis(TIMEOUT_MS);

  private static final Optional<Path> NSD = NsdServer.locate();

  private static TestCertificates certs;
  private static Nginx nginx;
  private static NsdServer nsd;
  private static FakeDnsServer fakeDns;
  private static DnsClient dnsClient;
  private static HttpProbe viaNsd;
  private static HttpProbe viaFakeDns;
  private static HttpProbe systemResolver;
  private static final List<String> queried = new CopyOnWriteArrayList<>();
  private static int tls;
  private static int http;
  private static int wildcard;
  private static int cnOnly;
  private static int dnsNamesOnly;

  @BeforeAll
  static void start() throws Exception {
    if (NSD.isEmpty()) {
      return;
    }
    Nginx.require();
    certs = TestCertificates.create();
    TestCertificates.Served names = certs.issue("names",
        "DNS:site.example.test,DNS:api_backend.example.test,DNS:xn--bcher-kva.example.test,"
            + "DNS:site6.example.test,DNS:localhost,IP:127.0.0.1,IP:::1", 365);
    TestCertificates.Served wild = certs.issue("wild", "DNS:*.example.test", 365);
    // No subjectAltName at all: its only name is the subject's CN=localhost.
    TestCertificates.Served cn = certs.issue("localhost", "", 365);
    TestCertificates.Served dnsOnly = certs.issue("dns-only", "DNS:www.example.test", 365);
    tls = RealServer.freePort();
    http = RealServer.freePort();
    wildcard = RealServer.freePort();
    cnOnly = RealServer.freePort();
    dnsNamesOnly = RealServer.freePort();
    String echo = "location / { return 200 \"host=$http_host sni=$ssl_server_name\\n\"; }";
    nginx = Nginx.start(String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + tls + " ssl;",
        "  listen [::1]:" + tls + " ssl;",
        "  ssl_certificate " + names.certificate() + ";",
        "  ssl_certificate_key " + names.key() + ";",
        "  " + echo,
        "}",
        "server {",
        "  listen 127.0.0.1:" + http + ";",
        "  listen [::1]:" + http + ";",
        "  location / { return 200 \"host=$http_host\\n\"; }",
        "  location = /who { return 200 \"host=$http_host user=$remote_user\\n\"; }",
        "  location = /bad { return 502; }",
        "  location = /to-same-host { return 301 http://SITE.example.test.:" + http + "/who; }",
        "  location = /to-underscore { return 301 http://api_backend.example.test:" + http
            + "/landed; }",
        "}",
        tlsServer(wildcard, wild, echo),
        tlsServer(cnOnly, cn, echo),
        tlsServer(dnsNamesOnly, dnsOnly, echo)),
        tls, http, wildcard, cnOnly, dnsNamesOnly);
    nsd = NsdServer.startTestZones(RealServer.freePort());
    fakeDns = FakeDnsServer.start().answer(HostNamesTest::loopbackForEveryName);
    dnsClient = new DnsClient();
    List<X509Certificate> testCa = SpecParser.parse(
            RunConfig.builder().trustCertificates(certs.caCertificate.toString()).build())
        .trustCertificates();
    ProbeSettings trusting = ProbeSettings.of(8, 8, HttpProbe.DEFAULT_BODY_CAP).withTrust(testCa);
    viaNsd = new HttpProbe(trusting.withResolver(resolver(nsd.address())));
    viaFakeDns = new HttpProbe(trusting.withResolver(resolver(fakeDns.address())));
    systemResolver = new HttpProbe(trusting);
  }

  private static String tlsServer(int port, TestCertificates.Served served, String location) {
    return String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + port + " ssl;",
        "  ssl_certificate " + served.certificate() + ";",
        "  ssl_certificate_key " + served.key() + ";",
        "  " + location,
        "}");
  }

  private static DnsHostResolver resolver(String address) {
    return new DnsHostResolver(dnsClient, ServerAddress.parse(address).orElseThrow());
  }

  /** Every A query gets 127.0.0.1; the question's name is kept as it came over the wire. */
  private static FakeDnsServer.Reply loopbackForEveryName(Message query) {
    queried.add(query.getQuestion().getName().toString());
    if (query.getQuestion().getType() != org.xbill.DNS.Type.A) {
      return FakeDnsServer.Reply.of(FakeDnsServer.response(query));
    }
    return FakeDnsServer.Reply.of(FakeDnsServer.response(query,
        new ARecord(query.getQuestion().getName(), DClass.IN, 60,
            InetAddress.getLoopbackAddress())));
  }

  @BeforeEach
  void needsNsd() {
    NsdServer.skipWithout(NSD);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c :
        new AutoCloseable[] {viaNsd, viaFakeDns, systemResolver, dnsClient, fakeDns, nsd, nginx,
            certs}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static CheckResult check(HttpProbe probe, String url) {
    CheckResult result =
        new HttpCheck(probe).run(Endpoint.named("names", url).timeoutMs(TIMEOUT_MS).retries(0).spec());
    assertThat(result.durationMs()).isLessThan(TIMEOUT_MS + 1_500);
    return result;
  }

  private static void up(CheckResult result) {
    assertThat(result.finding()).isEmpty();
    assertThat(result.status()).isEqualTo(CheckStatus.UP);
  }

  /** What nginx saw: {@code host=<Host header> sni=<SNI name>}. */
  private static String seen(HttpProbe probe, String url) {
    return seen(probe, url, Optional.empty());
  }

  private static String seen(HttpProbe probe, String url, Optional<InetAddress> connectTo) {
    ProbeOutcome outcome = probe.fetch(new ProbeRequest(URI.create(url), Map.of(), BUDGET, connectTo, true));
    assertThat(outcome.error()).as(outcome.describe()).isEmpty();
    return outcome.response().orElseThrow().bodyText().trim();
  }

  @Test
  void anAbsoluteNameWithATrailingDotIsUpAndSendsSniWithoutTheDot() {
    String url = "https://site.example.test.:" + tls + "/";

    up(check(viaNsd, url));
    // Host as the URL writes it (curl sends the same); SNI without the dot, RFC 6066 §3.
    assertThat(seen(viaNsd, url))
        .isEqualTo("host=site.example.test.:" + tls + " sni=site.example.test");
  }

  @Test
  void theQueryForAnAbsoluteNameHasOneTrailingDotAndKeepsItsCase() {
    queried.clear();
    String url = "https://Site.Example.TEST.:" + tls + "/";

    up(check(viaFakeDns, url));
    // RFC 4343: DNS names compare case-insensitively, so the case as written is fine on the wire.
    assertThat(queried).isNotEmpty().allMatch(q -> q.equals("Site.Example.TEST."));
    assertThat(seen(viaFakeDns, url))
        .isEqualTo("host=Site.Example.TEST.:" + tls + " sni=Site.Example.TEST");
  }

  @Test
  void upperCaseNamesMatchTheCertificate() {
    String url = "https://SITE.example.test:" + tls + "/";

    up(check(viaNsd, url));
    // SNI keeps the case too, as curl sends it; servers compare it case-insensitively.
    assertThat(seen(viaNsd, url)).isEqualTo("host=SITE.example.test:" + tls + " sni=SITE.example.test");
  }

  @Test
  void anUnderscoreHostIsAValidRegNameOverHttpAndHttps() {
    String plain = "http://api_backend.example.test:" + http + "/";
    String secure = "https://api_backend.example.test:" + tls + "/";

    up(check(viaNsd, plain));
    up(check(viaNsd, secure));
    assertThat(seen(viaNsd, plain)).isEqualTo("host=api_backend.example.test:" + http);
    assertThat(seen(viaNsd, secure))
        .isEqualTo("host=api_backend.example.test:" + tls + " sni=api_backend.example.test");
  }

  @Test
  void anUnderscoreOriginIsProbedAndTellsTheEdgeFromTheOrigin() {
    CheckResult result = new HttpCheck(viaNsd).run(
        Endpoint.named("names", "http://site.example.test:" + http + "/bad")
            .origin("http://api_backend.example.test:" + http + "/")
            .timeoutMs(TIMEOUT_MS).retries(0).spec());

    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("HTTP_502");
    assertThat(f.hop()).isEqualTo(Hop.EDGE);
    assertThat(f.summary()).startsWith("The origin answers 200 OK directly");
    assertThat(f.evidence())
        .anyMatch(e -> e.startsWith("origin GET http://api_backend.example.test:" + http + "/ -> 200 OK"));
  }

  @Test
  void theSystemResolverPathTakesAnyCaseToo() {
    String url = "https://LOCALHOST:" + tls + "/";

    up(check(systemResolver, url));
    assertThat(seen(systemResolver, url)).isEqualTo("host=LOCALHOST:" + tls + " sni=LOCALHOST");
  }

  @Test
  void anUnderscoreHostPinnedToAnAddressConnectsThereWithItsOwnName() {
    String url = "https://api_backend.example.test:" + tls + "/";

    assertThat(seen(systemResolver, url, Optional.of(InetAddress.getLoopbackAddress())))
        .isEqualTo("host=api_backend.example.test:" + tls + " sni=api_backend.example.test");
  }

  @Test
  void credentialsInAUrlWithAnUnderscoreHostAreSentAsBasicAuthorizationAndMasked() {
    // java.net.URI has no user info for a reg-name authority; RFC 3986 §3.2.1 still has one.
    String url = "http://probe:s3cret-pass@api_backend.example.test:" + http + "/who";

    assertThat(seen(viaNsd, url)).isEqualTo("host=api_backend.example.test:" + http + " user=probe");
    RunSpec run = SpecParser.parse(
        RunConfig.builder().endpoints(List.of(EndpointConfig.of("names", url))).build());
    assertThat(Redactor.of(run, java.util.Set.of()).redact("GET " + url + " -> 200"))
        .doesNotContain("s3cret-pass")
        .contains(Redactor.MASK);
  }

  @Test
  void aRedirectToTheSameHostInAnotherCaseOrWithATrailingDotKeepsTheCredentials() {
    // The same host (RFC 4343, RFC 1034 §3.1): its credentials are not stripped as for another.
    String url = "http://probe:s3cret-pass@site.example.test:" + http + "/to-same-host";

    // HttpClient normalises the Location's host to lower case (RFC 3986 §6.2.2.1), dot kept.
    assertThat(seen(viaNsd, url)).isEqualTo("host=site.example.test.:" + http + " user=probe");
  }

  @Test
  void aRedirectToAnUnderscoreHostIsFollowed() {
    String url = "http://site.example.test:" + http + "/to-underscore";

    up(check(viaNsd, url));
    ProbeOutcome outcome = viaNsd.fetch(new ProbeRequest(URI.create(url), Map.of(), BUDGET, Optional.empty(), true));
    assertThat(outcome.response().orElseThrow().bodyText().trim())
        .isEqualTo("host=api_backend.example.test:" + http);
    assertThat(outcome.redirects()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(301);
      assertThat(r.location())
          .hasToString("http://api_backend.example.test:" + http + "/landed");
    });
  }

  @Test
  void anInternationalisedNameInItsAceFormIsUp() {
    String url = "https://xn--bcher-kva.example.test:" + tls + "/";

    up(check(viaNsd, url));
    assertThat(seen(viaNsd, url))
        .isEqualTo("host=xn--bcher-kva.example.test:" + tls + " sni=xn--bcher-kva.example.test");
  }

  @Test
  void anIpv6LiteralIsUpWithItsBracketsInTheHostHeaderAndNoSni() {
    String plain = "http://[::1]:" + http + "/";
    String secure = "https://[::1]:" + tls + "/";

    up(check(viaNsd, plain));
    up(check(viaNsd, secure));
    // RFC 9110 §7.2 and RFC 3986 §3.2.2: an IPv6 host is written in brackets; RFC 6066 §3: no
    // literal in SNI.
    assertThat(seen(viaNsd, plain)).isEqualTo("host=[::1]:" + http);
    assertThat(seen(viaNsd, secure)).isEqualTo("host=[::1]:" + tls + " sni=");
  }

  @Test
  void aNameWithOnlyAnAaaaRecordReachesTheIpv6Address() {
    String url = "https://site6.example.test:" + tls + "/";

    up(check(viaNsd, url));
    assertThat(seen(viaNsd, url)).isEqualTo("host=site6.example.test:" + tls + " sni=site6.example.test");
  }

  @Test
  void anIpv6OriginAddressKeepsTheUrlsHostName() throws Exception {
    String url = "https://site.example.test:" + tls + "/";

    assertThat(seen(systemResolver, url, Optional.of(InetAddress.getByName("::1"))))
        .isEqualTo("host=site.example.test:" + tls + " sni=site.example.test");
  }

  private static Finding wrongHost(CheckResult result) {
    assertThat(result.status()).isEqualTo(CheckStatus.DOWN);
    Finding f = result.finding().orElseThrow();
    assertThat(f.code().id()).isEqualTo("TLS_INVALID");
    assertThat(f.hop()).isEqualTo(Hop.TLS);
    assertThat(f.evidence().get(0)).contains("certificate for another host");
    return f;
  }

  @Test
  void aWildcardCoversOneLabelOnly() {
    up(check(viaFakeDns, "https://a.example.test:" + wildcard + "/"));

    // RFC 6125 §6.4.3: "*" matches the left-most label only, so not a.b.example.test.
    Finding f = wrongHost(check(viaFakeDns, "https://a.b.example.test:" + wildcard + "/"));
    assertThat(f.summary())
        .startsWith("The certificate of a.b.example.test is for the wrong host")
        .contains("the certificate names DNS:*.example.test, not DNS:a.b.example.test");
  }

  @Test
  void aCertificateWithOnlyACommonNameDoesNotNameTheHost() {
    // RFC 9110 §4.3.4: a client MUST NOT use a CN-ID, even when the CN is the host.
    Finding f = wrongHost(check(viaFakeDns, "https://localhost:" + cnOnly + "/"));

    assertThat(f.summary())
        .contains("the certificate has no subject alternative names (subject CN=localhost")
        .contains("names DNS:localhost nowhere");
  }

  @Test
  void anIpAddressUrlAgainstACertificateWithOnlyDnsNamesSaysWhichNamesItHas() {
    // RFC 9110 §4.3.4: an IP literal's reference identity is an IP-ID, never a DNS-ID.
    Finding f = wrongHost(check(viaFakeDns, "https://127.0.0.1:" + dnsNamesOnly + "/"));

    assertThat(f.summary())
        .startsWith("The certificate of 127.0.0.1 is for the wrong host")
        .contains("the certificate names DNS:www.example.test, not IP 127.0.0.1")
        .doesNotContain("[]");
  }
}
