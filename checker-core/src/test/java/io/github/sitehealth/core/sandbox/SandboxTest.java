package io.github.sitehealth.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.CheckListener;
import io.github.sitehealth.core.run.CheckRunner;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox produces the failures it promises, and the checks diagnose each one. */
class SandboxTest {

  private static Sandbox sandbox;
  private static Map<String, CheckResult> results;

  @BeforeAll
  static void runEveryCheckAgainstTheSandbox() throws Exception {
    sandbox = Sandbox.start();
    String edge = sandbox.edgeUrl();
    String origin = sandbox.originUrl();
    List<EndpointConfig> endpoints =
        List.of(
            endpoint("home", edge + "/", origin + "/", null),
            endpoint("checkout", edge + "/checkout", sandbox.deadUrl() + "/checkout", null),
            endpoint("cart", edge + "/cart", origin + "/", null),
            endpoint("search", edge + "/slow", origin + "/slow", null),
            endpoint("api", edge + "/unavailable", origin + "/unavailable", null),
            endpoint("stylesheet", edge + "/assets/app.css", origin + "/assets/app.css", true),
            // by name, resolved through the sandbox's DNS like the DNS checks
            endpoint("www-by-name", edge.replace("127.0.0.1", "www.sandbox.test") + "/", null, null),
            endpoint("gone-by-name", edge.replace("127.0.0.1", "gone.sandbox.test") + "/", null, null),
            endpoint("assets-by-name", edge.replace("127.0.0.1", "assets.sandbox.test") + "/", null, null));
    List<DnsRecordConfig> records =
        List.of(
            DnsRecordConfig.of("www.sandbox.test", "CNAME", "edge.cdn.sandbox.test."),
            DnsRecordConfig.of("shop.sandbox.test", "CNAME", "edge.cdn.sandbox.test."),
            DnsRecordConfig.of("assets.sandbox.test", "CNAME"),
            DnsRecordConfig.of("gone.sandbox.test", "A"));
    RunResult run =
        new CheckRunner(CheckListener.NONE)
            .run(SpecParser.parse(
                RunConfig.builder().endpoints(endpoints).dnsRecords(records).resolver(sandbox.dnsAddress()).build()));
    results = run.checks().stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
  }

  private static EndpointConfig endpoint(String name, String url, String origin, Boolean cacheable) {
    return EndpointConfig.builder(name, url).origin(origin).timeoutMs(8000L).retries(0).expectCacheable(cacheable).build();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static void assertFinding(String check, String code, Hop hop) {
    CheckResult r = results.get(check);
    assertThat(r.status()).as(check).isEqualTo(CheckStatus.DOWN);
    assertThat(r.finding().orElseThrow().code().id()).as(check).isEqualTo(code);
    assertThat(r.finding().orElseThrow().hop()).as(check).isEqualTo(hop);
  }

  @Test
  void theHealthyRouteAndTheCorrectCnameAreUp() {
    assertThat(results.get("home").status()).isEqualTo(CheckStatus.UP);
    assertThat(results.get("www.sandbox.test. CNAME").status()).isEqualTo(CheckStatus.UP);
  }

  @Test
  void theEdgeFailuresAreDiagnosedAtTheirHop() {
    assertFinding("checkout", "HTTP_502", Hop.ORIGIN);
    assertFinding("cart", "HTTP_502", Hop.EDGE);
    assertFinding("search", "HTTP_504", Hop.ORIGIN);
    assertFinding("api", "HTTP_503", Hop.ORIGIN);
    assertFinding("stylesheet", "NOT_CACHEABLE", Hop.ORIGIN);
  }

  @Test
  void theZoneHasAWrongTargetADanglingCnameAndAMissingName() {
    assertFinding("shop.sandbox.test. CNAME", "DNS_MISMATCH", Hop.DNS);
    assertFinding("assets.sandbox.test. CNAME", "DNS_DANGLING_CNAME", Hop.DNS);
    assertFinding("gone.sandbox.test. A", "DNS_NXDOMAIN", Hop.DNS);
  }

  @Test
  void endpointHostNamesResolveThroughTheRunsResolverWithTheirDnsFinding() {
    assertThat(results.get("www-by-name").status()).isEqualTo(CheckStatus.UP);
    assertFinding("gone-by-name", "DNS_NXDOMAIN", Hop.DNS);
    assertFinding("assets-by-name", "DNS_DANGLING_CNAME", Hop.DNS);
    assertThat(results.get("assets-by-name").finding().orElseThrow().runbook())
        .isEqualTo("runbooks/dns.html#dangling-cname");
  }

  @Test
  void namesOutsideTheZoneAreRefused() throws Exception {
    org.xbill.DNS.Message query =
        org.xbill.DNS.Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString("example.com."), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN));
    try (SandboxDns dns = new SandboxDns()) {
      byte[] wire = query.toWire();
      org.xbill.DNS.Message reply = new org.xbill.DNS.Message(dns.answer(wire, wire.length));
      assertThat(reply.getRcode()).isEqualTo(org.xbill.DNS.Rcode.REFUSED);
    }
  }
}
