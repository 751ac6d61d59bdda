package io.github.sitehealth.core.run;

import io.github.sitehealth.core.result.CheckResult;

/** Receives progress events from a run; the Maven plugin turns them into log lines. */
@FunctionalInterface
public interface CheckListener {

  /** Called once per check, as soon as it finished, from the thread that ran it. */
  void checkFinished(CheckResult result);

  CheckListener NONE = result -> {};
}
