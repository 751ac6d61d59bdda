package io.github.sitehealth.core.check;

import io.github.sitehealth.core.result.CheckResult;

/**
 * How one kind of check runs. One instance serves every check of its kind in a run, from several
 * threads at once, so implementations are thread-safe.
 *
 * @param <S> the kind's spec
 */
public interface Check<S extends CheckSpec> {

  /**
   * The key of the concurrency limit this check counts against: the same key for every check
   * that loads the same server, e.g. {@code host:port} for HTTP and TCP, the resolver for DNS.
   */
  String limitKey(S spec);

  /**
   * Runs the check within its own deadline. A failure of what is checked is a result (DOWN, with
   * a finding), never an exception.
   *
   * @throws RuntimeException only for a defect of the checker itself
   */
  CheckResult run(S spec);
}
