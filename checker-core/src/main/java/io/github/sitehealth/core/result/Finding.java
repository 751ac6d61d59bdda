package io.github.sitehealth.core.result;

import java.util.List;

/**
 * What the diagnosis concluded about a failing (or degraded) check.
 *
 * @param code stable identifier from the contract, e.g. {@code HTTP_502}
 * @param hop the hop to blame
 * @param summary one sentence: what is wrong and what to do
 * @param runbook path of the runbook page, relative to the output directory, with an anchor
 * @param evidence what was observed, one fact a line
 */
public record Finding(String code, Hop hop, String summary, String runbook, List<String> evidence) {

  public Finding {
    evidence = List.copyOf(evidence);
  }
}
