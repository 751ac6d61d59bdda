package io.github.sitehealth.core.http;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What one HTTP attempt produced: a response, or an error.
 *
 * @param response the response, when one arrived
 * @param error the error, when none did
 * @param detail the error's message, for evidence
 * @param durationMs how long the attempt took
 * @param target the URL whose fetch this is the outcome of: after redirects, the one that
 *     answered or the one whose fetch failed (a redirect target that does not resolve, refuses
 *     or has an untrusted certificate); empty when not known
 * @param redirects the redirects followed on the way to {@code target}, in order, also when the
 *     fetch failed part-way along them
 */
public record ProbeOutcome(
    Optional<HttpSnapshot> response,
    Optional<ProbeError> error,
    String detail,
    long durationMs,
    Optional<URI> target,
    List<Redirect> redirects) {

  public ProbeOutcome {
    redirects = List.copyOf(redirects);
  }

  public static ProbeOutcome of(HttpSnapshot response) {
    return new ProbeOutcome(
        Optional.of(response), Optional.empty(), "", response.totalMs(),
        Optional.ofNullable(response.uri()), List.of());
  }

  public static ProbeOutcome failed(ProbeError error, String detail, long durationMs) {
    return new ProbeOutcome(
        Optional.empty(), Optional.of(error), detail, durationMs, Optional.empty(), List.of());
  }

  /** The same outcome, reached at {@code target} over {@code redirects}. */
  public ProbeOutcome at(URI target, List<Redirect> redirects) {
    return new ProbeOutcome(response, error, detail, durationMs, Optional.of(target), redirects);
  }

  /** What was seen, in words: {@code "502 Bad Gateway"} or {@code "connection refused"}. */
  public String describe() {
    return response
        .map(HttpSnapshot::statusLine)
        .orElseGet(
            () -> error.orElseThrow().words() + (detail.isBlank() ? "" : " (" + detail + ")"));
  }
}
