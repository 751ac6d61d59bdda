package io.github.sitehealth.core.result;

import java.util.List;

/**
 * The samples of a check ({@code <samples>} above 1): how many requests were sent, how many
 * failed, and each failure.
 *
 * @param samples requests sent, every address counted
 * @param failed of those, the ones that failed an expectation
 * @param windowMs the time the samples were spread over, in ms
 * @param maxFailureRate the highest failure rate in percent that is only DEGRADED
 * @param failures every failed sample, in the order sent
 */
public record Sampling(
    int samples, int failed, long windowMs, double maxFailureRate, List<Sample> failures) {

  public Sampling {
    failures = List.copyOf(failures);
  }

  /** Failed samples in percent of all samples, 0 to 100. */
  public double failureRate() {
    return samples == 0 ? 0 : 100.0 * failed / samples;
  }
}
