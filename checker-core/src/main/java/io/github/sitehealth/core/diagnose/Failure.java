package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.ProbeOutcome;
import io.github.sitehealth.core.result.FindingCode;

/**
 * An expectation that did not hold in one attempt.
 *
 * @param code the finding code, e.g. {@code HTTP_502}, {@code CONNECT_REFUSED}
 * @param detail what was expected and what was seen, in words
 * @param outcome the attempt's raw outcome, for evidence
 */
public record Failure(FindingCode code, String detail, ProbeOutcome outcome) {

  /** Whether a response arrived, i.e. the failure is about its content, not its delivery. */
  public boolean hasResponse() {
    return outcome.response().isPresent();
  }

  /** The HTTP status when a response arrived, else 0. */
  public int status() {
    return outcome.response().map(r -> r.status()).orElse(0);
  }
}
