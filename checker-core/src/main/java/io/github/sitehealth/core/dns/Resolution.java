package io.github.sitehealth.core.dns;

import java.util.List;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * How a name resolved through the resolver: the CNAME chain followed and the records found at its
 * end, or why there are none.
 *
 * @param outcome the result
 * @param end the last name of the chain (the queried name when there is no chain)
 * @param chain the CNAME records followed, in order
 * @param records the records of the queried type at {@code end}; empty unless {@link
 *     Outcome#ANSWER}
 * @param queries every query sent, in order
 * @param failed the query that failed, for TIMEOUT, UNREACHABLE, MALFORMED and RCODE
 */
record Resolution(
    Outcome outcome,
    Name end,
    List<CNAMERecord> chain,
    List<Record> records,
    List<QueryOutcome> queries,
    Optional<QueryOutcome> failed) {

  enum Outcome {
    /** Records of the type were found. */
    ANSWER,
    /** The name does not exist. */
    NXDOMAIN,
    /** The name exists, without a record of the type. */
    NODATA,
    /** A CNAME chain ends in a name that does not exist. */
    DANGLING,
    /** The CNAME chain loops or is longer than {@link ChainFollower#MAX_CNAME_HOPS}. */
    LOOP,
    /** The server answered with an error rcode: SERVFAIL, REFUSED, ... */
    RCODE,
    /** No answer in time. */
    TIMEOUT,
    /** The server could not be reached. */
    UNREACHABLE,
    /** The answer could not be parsed. */
    MALFORMED
  }

  Resolution {
    chain = List.copyOf(chain);
    records = List.copyOf(records);
    queries = List.copyOf(queries);
  }

  /**
   * The resolution that ends at {@code at} because {@code query} got no usable response: none in
   * time, an unreachable server, a malformed one, or an error rcode.
   */
  static Resolution failed(
      QueryOutcome query, Name at, List<CNAMERecord> chain, List<QueryOutcome> queries) {
    Outcome outcome =
        switch (query.kind()) {
          case ANSWERED -> Outcome.RCODE;
          case TIMEOUT -> Outcome.TIMEOUT;
          case UNREACHABLE -> Outcome.UNREACHABLE;
          case MALFORMED -> Outcome.MALFORMED;
        };
    return new Resolution(outcome, at, chain, List.of(), queries, Optional.of(query));
  }

  boolean isAnswer() {
    return outcome == Outcome.ANSWER;
  }
}
