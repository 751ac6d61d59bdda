package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.util.List;

/** Builds record specs the way a run does: through {@link SpecParser}. */
final class DnsSpecs {

  private DnsSpecs() {}

  static DnsRecordSpec spec(DnsRecordConfig config) {
    return SpecParser.parse(RunConfig.builder().dnsRecords(List.of(config)).build())
        .dnsRecords()
        .get(0);
  }

  /** A record checked at {@code resolver} with a deadline of {@code timeoutMs}. */
  static DnsRecordSpec spec(
      String name, String type, String resolver, long timeoutMs, String... expect) {
    return spec(
        new DnsRecordConfig(
            name, type, List.of(expect), null, null, null, resolver, null, null, timeoutMs));
  }
}
