package io.github.sitehealth.site;

import io.github.sitehealth.core.report.ResultsJson;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Runs, checks and files for the tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2025-03-20T10:15:00Z");
  static final Clock CLOCK = Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC);

  private Fixtures() {}

  static CheckResult up(String name) {
    return new CheckResult(name, "http", "https://www.example.com/", CheckStatus.UP, "200 OK",
        Optional.empty(), List.of(new Attempt(1, T0, 120, Optional.of(200), "200 OK", true)), T0, 121);
  }

  static CheckResult failing(String name, CheckStatus status, String code, Hop hop) {
    Finding finding = new Finding(code, hop, "summary of " + code, "runbooks/ignored.html",
        List.of("GET https://www.example.com/ -> " + code, "server: nginx"));
    return new CheckResult(name, "http", "https://www.example.com/", status, "observed " + code,
        Optional.of(finding), List.of(new Attempt(1, T0, 12, Optional.of(502), "502 Bad Gateway", false)), T0, 30);
  }

  static CheckResult withStatus(CheckResult c, Instant at, CheckStatus status) {
    return new CheckResult(c.name(), c.kind(), c.target(), status, c.observed(), c.finding(),
        c.attempts(), at, c.durationMs());
  }

  /**
   * Three addresses, 20 samples over 10 s: 127.0.0.3 refuses all 8 of its samples (DOWN),
   * 127.0.0.2 answers one of its 6 with a 502 (DEGRADED), 127.0.0.1 passes its 6. DOWN with
   * {@code SOME_ADDRESSES_FAIL}, 9 of 20 samples failed.
   */
  static CheckResult someAddressesFail(String name) {
    Finding finding = new Finding(FindingCode.SOME_ADDRESSES_FAIL, Hop.NETWORK,
        "1 of 3 addresses fails: 127.0.0.3 refuses the connection.",
        "runbooks/partial-failures.html#one-address-fails", List.of("127.0.0.3:443 refused"));
    List<Sample> failures = new ArrayList<>();
    for (int index : new int[] {3, 6, 9, 10, 12, 15, 18, 19, 20}) {
      Instant at = T0.plusMillis(500L * (index - 1));
      failures.add(index == 10
          ? new Sample(index, at, 12, Optional.of("127.0.0.2"), Optional.of(502),
              FindingCode.http(502), "502 Bad Gateway")
          : new Sample(index, at, 1, Optional.of("127.0.0.3"), Optional.empty(),
              FindingCode.CONNECT_REFUSED, "connection refused"));
    }
    return new CheckResult(name, "http", "https://www.example.com/", CheckStatus.DOWN,
        "1 of 3 addresses fails", Optional.of(finding),
        List.of(new Attempt(1, T0, 30, Optional.of(200), "200 OK", true)), T0, 10_030,
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
   * One address (the resolver's choice) and {@code failed} of 30 samples failing with a 503, 10 %
   * allowed: DEGRADED with {@code SOME_REQUESTS_FAIL}.
   */
  static CheckResult someRequestsFail(String name, int failed) {
    Finding finding = new Finding(FindingCode.SOME_REQUESTS_FAIL, Hop.ORIGIN,
        failed + " of 30 requests fail.", "runbooks/partial-failures.html#some-requests-fail",
        List.of());
    List<Sample> failures = new ArrayList<>();
    for (int i = 1; i <= failed; i++) {
      failures.add(new Sample(i, T0.plusSeconds(i), 5, Optional.empty(), Optional.of(503),
          FindingCode.http(503), "503 Service Unavailable"));
    }
    return new CheckResult(name, "http", "https://www.example.com/", CheckStatus.DEGRADED,
        "200 OK", Optional.of(finding),
        List.of(new Attempt(1, T0, 40, Optional.of(200), "200 OK", true)), T0, 30_040, List.of(),
        Optional.of(new Sampling(30, failed, 30_000, 10, failures)));
  }

  static RunResult run(Instant at, CheckResult... checks) {
    return new RunResult(at, 650, List.of(checks));
  }

  static Path writeResults(Path dir, RunResult run) throws IOException {
    Path file = dir.resolve(ResultsJson.FILE_NAME);
    new ResultsJson().write(run, file);
    return file;
  }

  static Document parse(Path file) throws IOException {
    return Jsoup.parse(Files.readString(file));
  }

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
