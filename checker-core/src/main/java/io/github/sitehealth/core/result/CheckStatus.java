package io.github.sitehealth.core.result;

/** The outcome of one check. */
public enum CheckStatus {
  /** Every expectation held on the first attempt. */
  UP,
  /** It held only after a retry, or a warning-level finding was made. Does not fail the build. */
  DEGRADED,
  /** An expectation failed on every attempt. Fails the build by default. */
  DOWN
}
