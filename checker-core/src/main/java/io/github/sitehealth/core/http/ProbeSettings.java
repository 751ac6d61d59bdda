package io.github.sitehealth.core.http;

import io.github.sitehealth.core.spec.RunSpec;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * How a run's {@link HttpProbe} connects.
 *
 * @param maxConnections connections open at once, across all hosts (the run's concurrency)
 * @param maxPerHost connections open at once to one host:port
 * @param bodyCap body bytes kept per response
 * @param trustCertificates CA certificates trusted in addition to the JDK's own
 * @param allowMetadataTargets whether cloud metadata and link-local addresses may be connected to
 * @param resolver how host names become addresses; the metadata guard applies to its answers
 * @param secretHeaders request headers, besides the default secret ones, never sent on to another
 *     host by a redirect
 */
public record ProbeSettings(
    int maxConnections,
    int maxPerHost,
    int bodyCap,
    List<X509Certificate> trustCertificates,
    boolean allowMetadataTargets,
    HostResolver resolver,
    Set<String> secretHeaders) {

  public ProbeSettings {
    trustCertificates = List.copyOf(trustCertificates);
    secretHeaders = Set.copyOf(secretHeaders);
  }

  /** The JDK's trust, metadata targets refused, the system's resolver. */
  public static ProbeSettings of(int maxConnections, int maxPerHost, int bodyCap) {
    return new ProbeSettings(
        maxConnections, maxPerHost, bodyCap, List.of(), false, HostResolver.SYSTEM, Set.of());
  }

  /** What a run asks for. */
  public static ProbeSettings of(RunSpec run, int bodyCap) {
    return new ProbeSettings(
        run.concurrency(),
        run.perHostConcurrency(),
        bodyCap,
        run.trustCertificates(),
        run.allowMetadataTargets(),
        HostResolver.SYSTEM,
        run.secretHeaders());
  }

  /** The same settings with another resolver. */
  public ProbeSettings withResolver(HostResolver resolver) {
    return new ProbeSettings(
        maxConnections, maxPerHost, bodyCap, trustCertificates, allowMetadataTargets, resolver,
        secretHeaders);
  }

  /** The same settings with extra trusted CA certificates. */
  public ProbeSettings withTrust(List<X509Certificate> certificates) {
    return new ProbeSettings(
        maxConnections, maxPerHost, bodyCap, certificates, allowMetadataTargets, resolver,
        secretHeaders);
  }

  /** The same settings with metadata targets allowed or refused. */
  public ProbeSettings withMetadataTargets(boolean allowed) {
    return new ProbeSettings(
        maxConnections, maxPerHost, bodyCap, trustCertificates, allowed, resolver, secretHeaders);
  }
}
