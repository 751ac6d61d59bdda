package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.diagnose.RetryPolicy;
import io.github.sitehealth.core.result.FindingCode;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What one query produced: a response (with any rcode), or no usable one.
 *
 * @param question what was asked, and of whom
 * @param kind whether a response arrived
 * @param response the response, when {@link Kind#ANSWERED}
 * @param detail why there is no response, for evidence
 * @param durationMs from sending the first try to the outcome
 * @param tries how many times the query was sent
 */
record QueryOutcome(
    DnsClient.Question question,
    Kind kind,
    Optional<Message> response,
    String detail,
    long durationMs,
    int tries) {

  enum Kind {
    /** A well-formed response arrived; its rcode may still be an error. */
    ANSWERED,
    /** Nothing arrived in time. */
    TIMEOUT,
    /** The server could not be reached (port unreachable, connection refused). */
    UNREACHABLE,
    /** Something arrived that is not a valid response to the query. */
    MALFORMED
  }

  /**
   * Worth sending again, by {@link RetryPolicy}: the packet, or its answer, may have been lost; an
   * answer, even NXDOMAIN or SERVFAIL, is not asked again.
   */
  boolean retryable() {
    return failureCode().map(RetryPolicy::retriable).orElse(false);
  }

  /** The finding code this outcome would be, alone; empty for a successful answer. */
  private Optional<FindingCode> failureCode() {
    return switch (kind) {
      case TIMEOUT, UNREACHABLE -> Optional.of(FindingCode.DNS_TIMEOUT);
      case MALFORMED -> Optional.of(FindingCode.DNS_SERVFAIL);
      case ANSWERED -> switch (rcode()) {
        case Rcode.NOERROR -> Optional.empty();
        case Rcode.NXDOMAIN -> Optional.of(FindingCode.DNS_NXDOMAIN);
        default -> Optional.of(FindingCode.DNS_SERVFAIL);
      };
    };
  }

  boolean answered() {
    return kind == Kind.ANSWERED;
  }

  int rcode() {
    return response.orElseThrow().getRcode();
  }

  QueryOutcome withTries(int n, long totalMs) {
    return new QueryOutcome(question, kind, response, detail, totalMs, n);
  }

  /** {@code 127.0.0.1:53 www.example.com. A -> NOERROR, 2 answer records, 3 ms}. */
  String describe() {
    StringBuilder sb =
        new StringBuilder()
            .append(DnsClient.format(question.server()))
            .append(' ')
            .append(RecordText.name(question.name()))
            .append(' ')
            .append(Type.string(question.type()))
            .append(question.recursive() ? "" : " (no recursion)")
            .append(" -> ");
    if (answered()) {
      int n = response.get().getSection(Section.ANSWER).size();
      sb.append(RecordText.rcode(rcode()))
          .append(", ")
          .append(n)
          .append(" answer record")
          .append(n == 1 ? "" : "s");
    } else {
      sb.append(detail);
    }
    sb.append(", ").append(durationMs).append(" ms");
    if (tries > 1) {
      sb.append(", ").append(tries).append(" tries");
    }
    return sb.toString();
  }
}
