package io.github.sitehealth.core.http;

import io.github.sitehealth.core.net.MetadataAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host is, or resolves to, a cloud metadata or link-local address. An {@link
 * UnknownHostException} because that is what a resolver may throw: the connection is never
 * attempted.
 */
final class TargetForbiddenException extends UnknownHostException {

  TargetForbiddenException(String host, InetAddress address) {
    super(message(host, address));
  }

  private static String message(String host, InetAddress address) {
    String ip = MetadataAddresses.describe(address);
    return MetadataAddresses.literal(host).isPresent() ? ip : host + " resolves to " + ip;
  }
}
