package io.github.sitehealth.core.result;

import java.util.Optional;

/**
 * What one vantage (a region or network the checks ran from) saw of a check, in a result merged
 * from several vantages.
 *
 * @param vantage the vantage's name, e.g. {@code eu-west}
 * @param status the check's status seen from there
 * @param observed what the check observed from there, in words
 * @param code the finding code from there, when there was a finding
 * @param hop the hop the finding from there blamed, when there was a finding
 * @param latencyMs latency of the last attempt from there, in milliseconds
 */
public record VantageResult(
    String vantage,
    CheckStatus status,
    String observed,
    Optional<FindingCode> code,
    Optional<Hop> hop,
    long latencyMs) {

  /** What the check's result from {@code vantage} says. */
  public static VantageResult of(String vantage, CheckResult check) {
    return new VantageResult(
        vantage,
        check.status(),
        check.observed(),
        check.finding().map(Finding::code),
        check.finding().map(Finding::hop),
        check.latencyMs());
  }

  /** {@code eu-west: DOWN 502 Bad Gateway [HTTP_502, hop origin]}, or {@code us-east: UP 200 OK}. */
  public String line() {
    StringBuilder sb = new StringBuilder(vantage).append(": ").append(status).append(' ')
        .append(observed);
    code.ifPresent(c -> {
      sb.append(" [").append(c.id());
      hop.ifPresent(h -> sb.append(", hop ").append(h.id()));
      sb.append(']');
    });
    return sb.toString();
  }
}
