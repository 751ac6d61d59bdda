package io.github.sitehealth.site;

import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
