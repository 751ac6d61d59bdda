package io.github.sitehealth.core.result;

import java.util.List;

/**
 * What the diagnosis concluded about a failing (or degraded) check.
 *
 * @param code the finding code from the contract, e.g. {@code HTTP_502}
 * @param hop the hop to blame
 * @param summary one sentence: what is wrong and what to do
 * @param runbook path of the runbook page, relative to the output directory, with an anchor
 * @param evidence what was observed, one fact a line
 * @param originProbed whether the configured origin was asked directly for this diagnosis; false
 *     when none is configured, when the failure was before any HTTP answer (DNS, connection, TLS)
 *     or when the check recovered on a retry
 */
public record Finding(
    FindingCode code,
    Hop hop,
    String summary,
    String runbook,
    List<String> evidence,
    boolean originProbed) {

  public Finding {
    evidence = List.copyOf(evidence);
  }

  /** A finding made without asking the origin. */
  public Finding(FindingCode code, Hop hop, String summary, String runbook, List<String> evidence) {
    this(code, hop, summary, runbook, evidence, false);
  }

  /**
   * A finding made without asking the origin, its code given by id.
   *
   * @throws IllegalArgumentException when the id is not a finding code
   */
  public Finding(String code, Hop hop, String summary, String runbook, List<String> evidence) {
    this(FindingCode.of(code), hop, summary, runbook, evidence, false);
  }

  /** The same finding, linking another runbook page (a team's page that claims the code). */
  public Finding withRunbook(String link) {
    return new Finding(code, hop, summary, link, evidence, originProbed);
  }
}
