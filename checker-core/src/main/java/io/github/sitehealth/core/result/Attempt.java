package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.Optional;

/**
 * One try of a check.
 *
 * @param number 1 for the first attempt
 * @param startedAt when it started
 * @param durationMs how long it took, to the last byte read or the failure
 * @param status the HTTP status, when a response arrived
 * @param outcome what was seen, in words: {@code "502 Bad Gateway"}, {@code "connection refused"}
 * @param passed whether every expectation held
 */
public record Attempt(
    int number,
    Instant startedAt,
    long durationMs,
    Optional<Integer> status,
    String outcome,
    boolean passed) {}
