package io.github.sitehealth.core.testing;

import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.time.Instant;
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

  public static RunResult run(CheckResult... checks) {
    return new RunResult(T0, 1234, List.of(checks));
  }
}
