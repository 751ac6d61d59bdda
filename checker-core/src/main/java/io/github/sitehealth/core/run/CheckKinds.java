package io.github.sitehealth.core.run;

import io.github.sitehealth.core.check.Check;
import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.dns.DnsCheck;
import io.github.sitehealth.core.spec.DnsRecordSpec;
import io.github.sitehealth.core.spec.EndpointSpec;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.TcpCheckSpec;
import io.github.sitehealth.core.tcp.TcpCheck;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Every kind of check the runner knows: its spec type and how its {@link Check} is opened on the
 * run's shared resources. A new kind is one line here.
 */
final class CheckKinds {

  /**
   * @param limit how many checks of this kind may be in flight with the same limit key
   */
  private record Kind<S extends CheckSpec>(
      Class<S> specType, Function<RunResources, Check<S>> open, ToIntFunction<RunSpec> limit) {}

  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>(EndpointSpec.class, r -> new HttpCheck(r.httpProbe(), r.hostResolver()),
              RunSpec::perHostConcurrency),
          new Kind<>(DnsRecordSpec.class, r -> new DnsCheck(r.dnsClient(), r.spec().resolver()),
              RunSpec::perResolverConcurrency),
          new Kind<>(TcpCheckSpec.class, r -> new TcpCheck(r.hostResolver(),
              r.spec().trustCertificates(), r.spec().allowMetadataTargets()),
              RunSpec::perHostConcurrency));

  private CheckKinds() {}

  /**
   * The check that runs specs of {@code specType}.
   *
   * @throws IllegalArgumentException for a spec type no kind claims
   */
  @SuppressWarnings("unchecked")
  static Check<CheckSpec> open(Class<? extends CheckSpec> specType, RunResources resources) {
    return (Check<CheckSpec>) kind(specType).open().apply(resources);
  }

  /** How many checks of this spec type may be in flight with the same limit key. */
  static int limit(Class<? extends CheckSpec> specType, RunSpec run) {
    return kind(specType).limit().applyAsInt(run);
  }

  private static Kind<?> kind(Class<? extends CheckSpec> specType) {
    for (Kind<?> kind : KINDS) {
      if (kind.specType().isAssignableFrom(specType)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no check runs " + specType.getName());
  }
}
