package io.github.sitehealth.core.spec;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The record types a {@code <dnsRecord>} can check, and how their values are compared: both the
 * expected values and the records seen are brought into one normal form (absolute names, lower case
 * where DNS ignores case, canonical addresses).
 */
public enum DnsType {
  A(Type.A, true, "an IPv4 address, e.g. 192.0.2.1"),
  AAAA(Type.AAAA, true, "an IPv6 address, e.g. 2001:db8::1"),
  CNAME(Type.CNAME, true, "a host name, e.g. d111111abcdef8.cloudfront.net."),
  NS(Type.NS, true, "a host name, e.g. ns1.example.com."),
  MX(Type.MX, true, "a preference and a host name, e.g. 10 mail.example.com."),
  TXT(Type.TXT, false, "text"),
  CAA(Type.CAA, false, "flags, tag and value, e.g. 0 issue \"letsencrypt.org\""),
  SOA(Type.SOA, true, "mname rname serial refresh retry expire minimum");

  private final int code;
  private final boolean caseInsensitive;
  private final String form;

  DnsType(int code, boolean caseInsensitive, String form) {
    this.code = code;
    this.caseInsensitive = caseInsensitive;
    this.form = form;
  }

  /** The type's number on the wire, e.g. 5 for CNAME. */
  public int code() {
    return code;
  }

  /** The type for a name such as {@code cname}; empty when it is not one of ours. */
  public static Optional<DnsType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String upper = text.trim().toUpperCase(Locale.ROOT);
    for (DnsType t : values()) {
      if (t.name().equals(upper)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type with this wire number; empty when it is not one of ours. */
  public static Optional<DnsType> of(int code) {
    for (DnsType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The normal form of a value written by a user, in zone-file syntax. Relative names are made
   * absolute ({@code cdn.example.net} becomes {@code cdn.example.net.}). A TXT value is the text
   * itself; one pair of surrounding double quotes is removed.
   *
   * @throws IllegalArgumentException when the text is not a value of this type; the message says
   *     what is expected
   */
  public String normalize(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (this == TXT) {
      return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
          ? trimmed.substring(1, trimmed.length() - 1)
          : trimmed;
    }
    try {
      if (trimmed.isEmpty()) {
        throw new IOException("empty");
      }
      Record r = Record.fromString(Name.root, code, DClass.IN, 0, trimmed, Name.root);
      return canonical(r.rdataToString());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "is not a valid " + name() + " value: expected " + form, e);
    }
  }

  /**
   * The normal form of a record's data as dnsjava prints it ({@code Record.rdataToString()}). Not
   * for TXT, whose normal form is its strings joined.
   */
  public String canonical(String rdataText) {
    return caseInsensitive ? rdataText.toLowerCase(Locale.ROOT) : rdataText;
  }
}
