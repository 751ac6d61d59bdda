package io.github.sitehealth.core.http;

import java.util.Optional;

/**
 * What one HTTP attempt produced: a response, or an error.
 *
 * @param response the response, when one arrived
 * @param error the error, when none did
 * @param detail the error's message, for evidence
 * @param durationMs how long the attempt took
 */
public record ProbeOutcome(
    Optional<HttpSnapshot> response, Optional<ProbeError> error, String detail, long durationMs) {

  public static ProbeOutcome of(HttpSnapshot response) {
    return new ProbeOutcome(Optional.of(response), Optional.empty(), "", response.totalMs());
  }

  public static ProbeOutcome failed(ProbeError error, String detail, long durationMs) {
    return new ProbeOutcome(Optional.empty(), Optional.of(error), detail, durationMs);
  }

  /** What was seen, in words: {@code "502 Bad Gateway"} or {@code "connection refused"}. */
  public String describe() {
    return response
        .map(HttpSnapshot::statusLine)
        .orElseGet(
            () -> error.orElseThrow().words() + (detail.isBlank() ? "" : " (" + detail + ")"));
  }
}
