package io.github.sitehealth.core.run;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.dns.DnsCheck;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.TcpCheckSpec;
import io.github.sitehealth.core.tcp.TcpCheck;
import java.util.List;
import java.util.function.Function;

/**
 * Every kind of check the runner knows: its spec type and how its {@link Check} is opened on the
 * run's shared resources. A new kind is one line here.
 */
final class CheckKinds {

  private record Kind<S extends CheckSpec>(
      Class<S> specType, Function<RunResources, Check<S>> open) {}

  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>(EndpointSpec.class, r -> new HttpCheck(r.httpProbe(), r.hostResolver())),
          new Kind<>(DnsRecordSpec.class, r -> new DnsCheck(r.dnsClient(), r.spec().resolver())),
          new Kind<>(TcpCheckSpec.class, r -> new TcpCheck(r.hostResolver(),
              r.spec().trustCertificates(), r.spec().allowMetadataTargets())));

  private CheckKinds() {}

  /**
   * The check that runs specs of {@code specType}.
   *
   * @throws IllegalArgumentException for a spec type no kind claims
   */
  @SuppressWarnings("unchecked")
  static Check<CheckSpec> open(Class<? extends CheckSpec> specType, RunResources resources) {
    for (Kind<?> kind : KINDS) {
      if (kind.specType().isAssignableFrom(specType)) {
        return (Check<CheckSpec>) kind.open().apply(resources);
      }
    }
    throw new IllegalArgumentException("no check runs " + specType.getName());
  }
}
