package io.github.sitehealth.core.run;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.net.IpText;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.spec.AddressMode;
import io.github.sitehealth.core.spec.EndpointSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The addresses an endpoint check probes on their own, as its {@code <addresses>} selects them
 * from every A and AAAA answer for the URL's host.
 *
 * @param addresses the addresses to probe, at most {@link EndpointSpec#MAX_ADDRESSES}, in the
 *     resolver's order; empty when the lookup failed or no address is of the asked family
 * @param resolved every address the resolver returned
 * @param lookupFailed whether the name did not resolve: the probe's own lookup then gives the
 *     precise DNS finding
 */
record Targets(List<InetAddress> addresses, List<InetAddress> resolved, boolean lookupFailed) {

  /** Looks up every address of the URL's host within the check's timeout. */
  static Targets of(EndpointSpec spec, HostResolver resolver) {
    String host = UrlHost.parse(spec.url()).name();
    List<InetAddress> resolved;
    try {
      resolved = List.of(resolver.resolveAll(host, spec.timeout()));
    } catch (UnknownHostException e) {
      return new Targets(List.of(), List.of(), true);
    }
    List<InetAddress> selected = spec.addresses().select(resolved);
    return new Targets(
        selected.subList(0, Math.min(selected.size(), EndpointSpec.MAX_ADDRESSES)),
        resolved,
        false);
  }

  /** Addresses of the asked family that were left out by the limit. */
  int leftOut(EndpointSpec spec) {
    return spec.addresses().select(resolved).size() - addresses.size();
  }

  /**
   * The result when the host has no address of the family {@code <addresses>} asks for: no AAAA
   * record for {@code ipv6} (RFC 3596 §2), no A record for {@code ipv4} (RFC 1035 §3.4.1).
   */
  CheckResult noAddressOfTheFamily(EndpointSpec spec, Instant startedAt, long startNanos) {
    String type = spec.addresses() == AddressMode.IPV6 ? "AAAA" : "A";
    String host = UrlHost.parse(spec.url()).name();
    String observed = host + " has no " + type + " record";
    Finding finding =
        new Finding(
            FindingCode.DNS_NODATA,
            Hop.DNS,
            host + " has no " + type + " record, so nothing answers over "
                + (type.equals("AAAA") ? "IPv6" : "IPv4")
                + " (<addresses>" + spec.addresses().configValue() + "</addresses>). Add the "
                + type + " record, or probe the addresses it has.",
            Runbooks.link(FindingCode.DNS_NODATA, Hop.DNS),
            List.of("resolved " + (resolved.isEmpty() ? "nothing" : text(resolved))));
    long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    return new CheckResult(
        spec.name(), spec.kind(), spec.target(), CheckStatus.DOWN, observed,
        Optional.of(finding),
        List.of(new Attempt(1, startedAt, durationMs, Optional.empty(), observed, false)),
        startedAt, durationMs);
  }

  /** An address in its usual text form: {@code 192.0.2.3}, {@code ::1}. */
  static String text(InetAddress address) {
    return IpText.of(address);
  }

  static String text(List<InetAddress> addresses) {
    return IpText.of(addresses);
  }
}
