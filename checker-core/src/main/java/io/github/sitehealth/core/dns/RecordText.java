package io.github.sitehealth.core.dns;

import io.github.sitehealth.core.spec.DnsType;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** How records look in comparisons, evidence and summaries. */
final class RecordText {

  private RecordText() {}

  /**
   * A record's value in the same normal form as {@link DnsType#normalize}: what expected values are
   * compared with. A TXT record's value is its strings joined, as SPF and DKIM read them.
   */
  static String value(Record r) {
    if (r instanceof TXTRecord txt) {
      StringBuilder sb = new StringBuilder();
      for (byte[] s : txt.getStringsAsByteArrays()) {
        sb.append(new String(s, StandardCharsets.UTF_8));
      }
      return sb.toString();
    }
    String rdata = r.rdataToString();
    return DnsType.of(r.getType()).map(t -> t.canonical(rdata)).orElse(rdata);
  }

  /** A value for people to read: TXT values quoted, so spaces and empty strings show. */
  static String display(int type, String value) {
    return type == Type.TXT ? "\"" + value + "\"" : value;
  }

  /** {@code www.example.com. 300 CNAME cdn.example.net.} */
  static String line(Record r) {
    return name(r.getName())
        + " "
        + r.getTTL()
        + " "
        + Type.string(r.getType())
        + " "
        + display(r.getType(), value(r));
  }

  /** {@code www.example.com. CNAME cdn.example.net.}: the TTL left out, for comparing servers. */
  static String lineWithoutTtl(Record r) {
    return name(r.getName())
        + " "
        + Type.string(r.getType())
        + " "
        + display(r.getType(), value(r));
  }

  static String name(Name name) {
    return name.toString().toLowerCase(Locale.ROOT);
  }

  static String rcode(int rcode) {
    return Rcode.string(rcode);
  }

  /** {@code [a, b]} with TXT values quoted. */
  static String values(int type, Collection<String> values) {
    StringBuilder text = new StringBuilder("[");
    for (String v : values) {
      text.append(text.length() > 1 ? ", " : "").append(display(type, v));
    }
    return text.append(']').toString();
  }
}
