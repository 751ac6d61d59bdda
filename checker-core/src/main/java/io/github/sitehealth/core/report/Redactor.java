package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import io.github.sitehealth.core.result.VantageResult;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.Secrets;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the run's secrets in everything it writes: the values of sensitive request headers, URL
 * credentials and token-like query parameters.
 *
 * <p>Two ways, so that a secret is masked and nothing else is: where text has the shape of a URL's
 * credentials ({@code //user:PASSWORD@}) or of a token-like parameter ({@code token=VALUE} after
 * {@code ?}, {@code &}, {@code ;}, a space or the start), the value is masked whatever it is; and
 * a configured secret of at least {@value #MIN_SECRET_LENGTH} characters is masked wherever it
 * appears, so one echoed back by a server (in a header or an error message) is caught. A shorter
 * value, such as {@code code=shop}, is masked in those shapes only: masking "shop" everywhere
 * would garble every check name, host and command that holds the word.
 */
public final class Redactor {

  public static final String MASK = "****";

  private static final Pattern TOKEN_PARAMETER =
      Pattern.compile(
          "(?i)(access_?token|id_?token|refresh_?token|token|api[_-]?key|apikey|key|secret|password"
              + "|passwd|pwd|auth|sig|signature|session|sessionid|x-amz-signature|x-amz-credential"
              + "|x-amz-security-token|code)");

  /**
   * Shorter values are masked only where they stand as a parameter's value or a URL's password:
   * masking "shop" or "1" everywhere would garble every name and number that holds them.
   */
  public static final int MIN_SECRET_LENGTH = 8;

  /** A token-like parameter's value, after a URL's {@code ? & ;}, a space or the start. */
  private static final Pattern TOKEN_VALUE = Pattern.compile(
      "(?i)((?:^|[?&;\\s])" + TOKEN_PARAMETER.pattern().substring(4) + "=)([^&#\\s\"'<>]+)");

  /** A URL's password: {@code //user:PASSWORD@}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/@\\s:]*:)([^@/\\s]+)(@)");

  private final List<String> secrets;
  private final boolean active;

  private Redactor(Set<String> secrets) {
    // Masking by shape is for runs that have secrets: a run without any writes text as it is.
    this.active = !secrets.isEmpty();
    List<String> sorted = new ArrayList<>(secrets);
    sorted.removeIf(s -> s.length() < MIN_SECRET_LENGTH);
    // Longest first, so a secret that contains another is masked whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
  }

  /** A redactor that masks nothing. */
  public static Redactor none() {
    return new Redactor(Set.of());
  }

  /** The secrets of every check in the run. */
  public static Redactor of(RunSpec spec, Set<String> secretHeaders) {
    Set<String> sensitive = new LinkedHashSet<>(Secrets.DEFAULT_SECRET_HEADERS);
    secretHeaders.forEach(h -> sensitive.add(h.toLowerCase(Locale.ROOT)));
    Set<String> secrets = new LinkedHashSet<>();
    for (EndpointSpec e : spec.endpoints()) {
      e.headers().forEach((name, value) -> {
        if (sensitive.contains(name.toLowerCase(Locale.ROOT))) {
          secrets.add(value);
          // "Bearer abc...": the token alone may be echoed too
          for (String part : value.split("[\\s,;=]+")) {
            if (part.length() >= 8) {
              secrets.add(part);
            }
          }
        }
      });
      urlSecrets(e.url(), secrets);
      e.origin().ifPresent(o -> urlSecrets(o, secrets));
    }
    return new Redactor(secrets);
  }

  static void urlSecrets(URI url, Set<String> secrets) {
    String userInfo = Secrets.rawUserInfo(url).orElse(null);
    Secrets.basicAuthorization(url).ifPresent(v -> {
      secrets.add(v);
      secrets.add(v.substring("Basic ".length()));
    });
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      secrets.add(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
      String decoded = Secrets.userInfo(url).orElse("");
      if (colon >= 0 && decoded.indexOf(':') >= 0) {
        secrets.add(decoded.substring(decoded.indexOf(':') + 1));
      }
    }
    String query = url.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && TOKEN_PARAMETER.matcher(pair.substring(0, eq)).matches()) {
          String value = pair.substring(eq + 1);
          secrets.add(value);
          secrets.add(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
  }

  public String redact(String text) {
    if (text == null || !active) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    if (out.indexOf('=') >= 0) {
      out = TOKEN_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
    if (out.indexOf('@') >= 0) {
      out = URL_PASSWORD.matcher(out)
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }
    return out;
  }

  public CheckResult redact(CheckResult c) {
    return new CheckResult(
        redact(c.name()),
        c.kind(),
        redact(c.target()),
        c.status(),
        redact(c.observed()),
        c.finding().map(this::redact),
        c.attempts().stream().map(this::redact).toList(),
        c.startedAt(),
        c.durationMs(),
        c.addresses().stream().map(this::redact).toList(),
        c.sampling().map(this::redact),
        c.vantages().stream()
            .map(v -> new VantageResult(v.vantage(), v.status(), redact(v.observed()), v.code(),
                v.hop(), v.latencyMs()))
            .toList(),
        c.group().map(this::redact));
  }

  private AddressResult redact(AddressResult a) {
    return new AddressResult(a.address(), a.status(), redact(a.observed()), a.code(), a.hop(),
        a.latencyMs(), a.samples(), a.failedSamples());
  }

  private Sampling redact(Sampling s) {
    return new Sampling(s.samples(), s.failed(), s.windowMs(), s.maxFailureRate(),
        s.failures().stream()
            .map(f -> new Sample(f.index(), f.startedAt(), f.durationMs(), f.address(), f.status(),
                f.code(), redact(f.observed())))
            .toList());
  }

  public RunResult redact(RunResult run) {
    return run.withChecks(run.checks().stream().map(this::redact).toList());
  }

  private Finding redact(Finding f) {
    return new Finding(
        f.code(), f.hop(), redact(f.summary()), f.runbook(),
        f.evidence().stream().map(this::redact).toList(), f.originProbed());
  }

  private Attempt redact(Attempt a) {
    return new Attempt(a.number(), a.startedAt(), a.durationMs(), a.status(), redact(a.outcome()), a.passed());
  }
}
