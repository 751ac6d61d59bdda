package io.github.sitehealth.core.http;

import java.net.UnknownHostException;

/**
 * A host name did not resolve, and the resolver said why: a {@link HostResolver} that asks DNS
 * itself throws it so that the check gets the DNS finding (NXDOMAIN, NODATA, SERVFAIL, timeout,
 * dangling CNAME), not a generic "unknown host".
 */
public final class HostLookupException extends UnknownHostException {

  private final ProbeError error;

  /**
   * @param error one of the DNS errors of {@link ProbeError}
   * @param detail what the resolver answered, for the evidence
   */
  public HostLookupException(ProbeError error, String detail) {
    super(detail);
    this.error = error;
  }

  public ProbeError error() {
    return error;
  }
}
