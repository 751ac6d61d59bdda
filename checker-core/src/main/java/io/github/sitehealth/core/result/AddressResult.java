package io.github.sitehealth.core.result;

import java.util.Optional;

/**
 * One address of a check's host, probed on its own ({@code <addresses>} other than {@code
 * first}), with the URL's host name kept for the Host header and TLS.
 *
 * @param address the IP address, in its usual text form ({@code 192.0.2.3}, {@code ::1})
 * @param status this address's verdict
 * @param observed what this address answered, in words ({@code 502 Bad Gateway}, {@code
 *     connection refused})
 * @param code the finding code of its failure; empty when it passed
 * @param hop the hop its failure blames; empty when it passed
 * @param latencyMs the last request's time to a complete answer, in ms
 * @param samples requests sent to this address
 * @param failedSamples of those, the ones that failed
 */
public record AddressResult(
    String address,
    CheckStatus status,
    String observed,
    Optional<FindingCode> code,
    Optional<Hop> hop,
    long latencyMs,
    int samples,
    int failedSamples) {

  /** Failed samples in percent of this address's samples, 0 to 100. */
  public double failureRate() {
    return samples == 0 ? 0 : 100.0 * failedSamples / samples;
  }
}
