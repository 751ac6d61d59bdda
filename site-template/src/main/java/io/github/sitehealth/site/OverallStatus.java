package io.github.sitehealth.site;

import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;

/** What the banner and the overall badge say about a run. */
public enum OverallStatus {
  /** Every check is UP. */
  OPERATIONAL("operational", "All systems operational", "up"),
  /** No check is DOWN, at least one is DEGRADED. */
  DEGRADED("degraded", "Degraded performance", "degraded"),
  /** At least one check is DOWN. */
  OUTAGE("outage", "Outage", "down"),
  /** The run had no checks. */
  UNKNOWN("unknown", "No checks ran", "unknown");

  private final String word;
  private final String headline;
  private final String cssState;

  OverallStatus(String word, String headline, String cssState) {
    this.word = word;
    this.headline = headline;
    this.cssState = cssState;
  }

  public static OverallStatus of(RunResult run) {
    if (run.checks().isEmpty()) {
      return UNKNOWN;
    }
    if (run.count(CheckStatus.DOWN) > 0) {
      return OUTAGE;
    }
    return run.count(CheckStatus.DEGRADED) > 0 ? DEGRADED : OPERATIONAL;
  }

  /** The single word for badges: operational, degraded, outage, unknown. */
  public String word() {
    return word;
  }

  public String headline() {
    return headline;
  }

  /** The state the stylesheet and the check statuses share: up, degraded, down, unknown. */
  String cssState() {
    return cssState;
  }
}
