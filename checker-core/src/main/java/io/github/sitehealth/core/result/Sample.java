package io.github.sitehealth.core.result;

import java.time.Instant;
import java.util.Optional;

/**
 * One sampled request.
 *
 * @param index its number, from 1, in the order sent
 * @param startedAt when it was sent
 * @param durationMs its time to a complete answer (or to the failure), in ms
 * @param address the address it was sent to; empty when the resolver chose ({@code
 *     <addresses>first</addresses>})
 * @param status the HTTP status, when an answer arrived
 * @param code the finding code of its failure
 * @param observed what it saw, in words
 */
public record Sample(
    int index,
    Instant startedAt,
    long durationMs,
    Optional<String> address,
    Optional<Integer> status,
    FindingCode code,
    String observed) {}
