package io.github.sitehealth.core.run;

import io.github.sitehealth.core.dns.DnsClient;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.http.HostResolver;
import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.http.ProbeSettings;
import io.github.sitehealth.core.spec.RunSpec;

/**
 * What a run's checks share: one HTTP client, one DNS client, one way to resolve host names. Each
 * is opened when a check first asks for it (a DNS-only run starts no HTTP client) and closed with
 * the run.
 */
public final class RunResources implements AutoCloseable {

  private final RunSpec spec;
  private final int bodyCap;
  private DnsClient dnsClient;
  private HostResolver hostResolver;
  private HttpProbe httpProbe;

  RunResources(RunSpec spec, int bodyCap) {
    this.spec = spec;
    this.bodyCap = bodyCap;
  }

  /** The run being checked. */
  public RunSpec spec() {
    return spec;
  }

  /** The run's DNS client. */
  public synchronized DnsClient dnsClient() {
    if (dnsClient == null) {
      dnsClient = new DnsClient();
    }
    return dnsClient;
  }

  /**
   * How host names become addresses: through the run's {@code <resolver>} when it has one (so a
   * name that fails gets its precise DNS finding), else through the system's resolver.
   */
  public synchronized HostResolver hostResolver() {
    if (hostResolver == null) {
      hostResolver =
          spec.resolver().isPresent()
              ? new DnsHostResolver(dnsClient(), spec.resolver().get())
              : HostResolver.SYSTEM;
    }
    return hostResolver;
  }

  /** The run's HTTP client, with its trust, limits and resolver. */
  public synchronized HttpProbe httpProbe() {
    if (httpProbe == null) {
      httpProbe = new HttpProbe(ProbeSettings.of(spec, bodyCap).withResolver(hostResolver()));
    }
    return httpProbe;
  }

  @Override
  public synchronized void close() {
    if (httpProbe != null) {
      httpProbe.close();
    }
    if (dnsClient != null) {
      dnsClient.close();
    }
  }
}
