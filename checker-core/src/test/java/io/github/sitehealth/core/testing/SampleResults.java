package io.github.sitehealth.core.testing;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-made results for the writers' tests: fixed times, no network. */
public final class SampleResults {

  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private SampleResults() {}

  public static CheckResult up(String name) {
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.UP,
        "200 OK",
        Optional.empty(),
        List.of(new Attempt(1, T0, 42, Optional.of(200), "200 OK", true)),
        T0,
        42);
  }

  public static CheckResult degraded(String name) {
    Finding finding =
        new Finding(
            "HTTP_503",
            Hop.ORIGIN,
            "The edge could not get a good answer from its upstream.",
            "runbooks/503-service-unavailable.html#origin",
            List.of("GET https://" + name + ".example.com/ -> 503 Service Unavailable in 9 ms"));
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.DEGRADED,
        "200 OK",
        Optional.of(finding),
        List.of(
            new Attempt(1, T0, 9, Optional.of(503), "503 Service Unavailable", false),
            new Attempt(2, T0.plusMillis(209), 30, Optional.of(200), "200 OK", true)),
        T0,
        239);
  }

  public static CheckResult down(String name, String code, Hop hop, String runbook) {
    Finding finding =
        new Finding(
            code,
            hop,
            "The origin fails when asked directly too: fix the origin server.",
            runbook,
            List.of("GET https://" + name + ".example.com/ -> 502 Bad Gateway in 12 ms",
                "server: nginx"));
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.DOWN,
        "502 Bad Gateway (expected 200-399)",
        Optional.of(finding),
        List.of(new Attempt(1, T0, 12, Optional.of(502), "502 Bad Gateway", false)),
        T0,
        12);
  }

  public static CheckResult down502(String name) {
    return down(name, "HTTP_502", Hop.ORIGIN, "runbooks/502-bad-gateway.html#origin-unreachable");
  }

  public static CheckResult refused(String name) {
    Finding finding =
        new Finding(
            "CONNECT_REFUSED",
            Hop.NETWORK,
            "Nothing accepts connections on " + name + ".example.com:443.",
            "runbooks/connection-failures.html#connection-refused",
            List.of("GET https://" + name + ".example.com/ -> connect refused in 1 ms"));
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.DOWN,
        "connect refused (Connection refused)",
        Optional.of(finding),
        List.of(new Attempt(1, T0, 1, Optional.empty(), "connect refused", false)),
        T0,
        1);
  }

  /**
   * A check of three addresses, 20 samples spread over 10 s: 127.0.0.3 refuses every connection
   * (8 samples, DOWN), 127.0.0.2 answers one 502 to its 6 (DEGRADED), 127.0.0.1 answers 200 to its
   * 6. 9 of 20 samples fail, none allowed: DOWN with {@code SOME_ADDRESSES_FAIL}.
   */
  public static CheckResult someAddressesFail(String name) {
    Finding finding =
        new Finding(
            FindingCode.SOME_ADDRESSES_FAIL,
            Hop.NETWORK,
            "1 of 3 addresses fails: 127.0.0.3 refuses the connection; fix or remove it.",
            "runbooks/partial-failures.html#one-address-fails",
            List.of("127.0.0.3:443 -> connection refused in 1 ms"));
    List<Sample> failures = new ArrayList<>();
    for (int index : new int[] {3, 6, 9, 10, 12, 15, 18, 19, 20}) {
      Instant at = T0.plusMillis(500L * (index - 1));
      failures.add(index == 10
          ? new Sample(index, at, 12, Optional.of("127.0.0.2"), Optional.of(502),
              FindingCode.http(502), "502 Bad Gateway")
          : new Sample(index, at, 1, Optional.of("127.0.0.3"), Optional.empty(),
              FindingCode.CONNECT_REFUSED, "connection refused"));
    }
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.DOWN,
        "1 of 3 addresses fails",
        Optional.of(finding),
        List.of(new Attempt(1, T0, 30, Optional.of(200), "200 OK", true)),
        T0,
        10_030,
        List.of(
            new AddressResult("127.0.0.1", CheckStatus.UP, "200 OK", Optional.empty(),
                Optional.empty(), 30, 6, 0),
            new AddressResult("127.0.0.2", CheckStatus.DEGRADED, "200 OK",
                Optional.of(FindingCode.http(502)), Optional.of(Hop.ORIGIN), 31, 6, 1),
            new AddressResult("127.0.0.3", CheckStatus.DOWN, "connection refused",
                Optional.of(FindingCode.CONNECT_REFUSED), Optional.of(Hop.NETWORK), 1, 8, 8)),
        Optional.of(new Sampling(20, 9, 10_000, 0, failures)));
  }

  /**
   * A check of one address (the resolver's choice) that sent 20 samples over 10 s, 3 of which
   * timed out; 20 % are allowed: DEGRADED with {@code SOME_REQUESTS_FAIL}.
   */
  public static CheckResult someRequestsFail(String name) {
    Finding finding =
        new Finding(
            FindingCode.SOME_REQUESTS_FAIL,
            Hop.ORIGIN,
            "3 of 20 requests fail (15 %): the origin times out now and then.",
            "runbooks/partial-failures.html#some-requests-fail",
            List.of());
    List<Sample> failures = List.of(
        new Sample(4, T0.plusMillis(1500), 2000, Optional.empty(), Optional.empty(),
            FindingCode.READ_TIMEOUT, "no answer within 2000 ms"),
        new Sample(9, T0.plusMillis(4000), 2000, Optional.empty(), Optional.empty(),
            FindingCode.READ_TIMEOUT, "no answer within 2000 ms"),
        new Sample(17, T0.plusMillis(8000), 1900, Optional.empty(), Optional.of(504),
            FindingCode.http(504), "504 Gateway Timeout"));
    return new CheckResult(
        name,
        "http",
        "https://" + name + ".example.com/",
        CheckStatus.DEGRADED,
        "200 OK",
        Optional.of(finding),
        List.of(new Attempt(1, T0, 40, Optional.of(200), "200 OK", true)),
        T0,
        10_040,
        List.of(),
        Optional.of(new Sampling(20, 3, 10_000, 20, failures)));
  }

  public static RunResult run(CheckResult... checks) {
    return new RunResult(T0, 1234, List.of(checks));
  }
}
