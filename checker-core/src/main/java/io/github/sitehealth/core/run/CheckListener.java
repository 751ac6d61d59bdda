package io.github.sitehealth.core.run;

import io.github.sitehealth.core.result.CheckResult;

/** Receives progress events from a run; the Maven plugin turns them into log lines. */
@FunctionalInterface
public interface CheckListener {

  /** Called once per check, as soon as it finished, from the thread that ran it. */
  void checkFinished(CheckResult result);

  /**
   * Called every {@link CheckRunner#PROGRESS_INTERVAL} while a run is longer than that, from a
   * timer thread: how far it is.
   */
  default void progress(Progress progress) {}

  /**
   * How far a run is.
   *
   * @param done checks finished
   * @param total checks in the run
   * @param down of the finished ones, those DOWN
   * @param elapsedMs time since the run started, in ms
   */
  record Progress(int done, int total, int down, long elapsedMs) {}

  CheckListener NONE = result -> {};
}
