package io.github.sitehealth.core.run;

import io.github.sitehealth.core.report.PartialText;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import java.util.ArrayList;
import java.util.List;

/** The words for a check whose addresses or samples did not all fare alike. */
final class Partial {

  private Partial() {}

  /** Each address and what it answered: {@code 127.0.0.2: 200 OK; ::1: 502 Bad Gateway}. */
  static String observed(List<AddressResult> rows) {
    List<String> parts = new ArrayList<>();
    for (AddressResult r : rows) {
      parts.add(r.address() + ": " + r.observed());
    }
    return String.join("; ", parts);
  }

  /** One evidence line per address: {@code address 127.0.0.3 DOWN CONNECT_REFUSED (network): ...}. */
  static List<String> addressLines(List<AddressResult> rows) {
    return rows.stream().map(r -> "address " + PartialText.address(r)).toList();
  }

  /** The failing addresses, each with how it fails: {@code 127.0.0.3 refuses the connection}. */
  static String failures(List<AddressResult> rows) {
    List<String> parts = new ArrayList<>();
    for (AddressResult r : rows) {
      if (r.status() == CheckStatus.DOWN) {
        parts.add(r.address() + " " + how(r));
      }
    }
    return String.join("; ", parts);
  }

  /**
   * {@code 1 of 3 addresses fails: 127.0.0.3 refuses the connection; 127.0.0.2, ::1 pass.}, with
   * a first sentence when the failures split by address family.
   */
  static String addressSummary(List<AddressResult> rows) {
    List<AddressResult> failing = rows.stream().filter(r -> r.status() == CheckStatus.DOWN).toList();
    List<AddressResult> passing = rows.stream().filter(r -> r.status() != CheckStatus.DOWN).toList();
    StringBuilder s = new StringBuilder();
    boolean failing6 = failing.stream().allMatch(r -> isIpv6(r.address()));
    boolean passing4 = passing.stream().noneMatch(r -> isIpv6(r.address()));
    boolean failing4 = failing.stream().noneMatch(r -> isIpv6(r.address()));
    boolean passing6 = passing.stream().allMatch(r -> isIpv6(r.address()));
    if (failing6 && passing4) {
      s.append("IPv6 fails while IPv4 works. ");
    } else if (failing4 && passing6) {
      s.append("IPv4 fails while IPv6 works. ");
    }
    s.append(failing.size()).append(" of ").append(rows.size())
        .append(rows.size() == 1 ? " address" : " addresses")
        .append(failing.size() == 1 ? " fails: " : " fail: ")
        .append(failures(rows)).append("; ")
        .append(String.join(", ", passing.stream().map(AddressResult::address).toList()))
        .append(passing.size() == 1 ? " passes." : " pass.");
    return s.toString();
  }

  /** A warning found on one address, said of that address. */
  static Finding onAddress(Finding f, String address, int addresses, List<AddressResult> rows) {
    List<String> evidence = new ArrayList<>(addressLines(rows));
    evidence.addAll(f.evidence());
    return new Finding(f.code(), f.hop(),
        "On " + address + " (of " + addresses + " addresses): " + f.summary(), f.runbook(),
        evidence, f.originProbed());
  }

  /** How an address fails, in a few words. */
  static String how(AddressResult r) {
    FindingCode code = r.code().orElse(null);
    if (code == null) {
      return r.observed();
    }
    if (code.equals(FindingCode.CONNECT_REFUSED)) {
      return "refuses the connection";
    }
    if (code.equals(FindingCode.CONNECT_TIMEOUT)) {
      return "does not accept the connection in time";
    }
    if (code.equals(FindingCode.READ_TIMEOUT)) {
      return "does not answer in time";
    }
    if (code.is(FindingCode.Kind.HTTP_STATUS)) {
      int cut = r.observed().indexOf(" (expected");
      return "answers " + (cut < 0 ? r.observed() : r.observed().substring(0, cut));
    }
    return "fails: " + r.observed();
  }

  /** A rate in percent as people write it: {@code 45 %}, {@code 2.5 %}. */
  static String percent(double rate) {
    return PartialText.percent(rate) + " %";
  }

  private static boolean isIpv6(String address) {
    return address.contains(":");
  }
}
