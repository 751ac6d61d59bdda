package io.github.sitehealth.core.report;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code TEST-site-health.xml} in the JUnit XML format that CI test reporters read: one
 * testcase per check, a {@code <failure>} for each DOWN check, a {@code <system-out>} for each
 * DEGRADED one. A check that probed each address or sent several samples stays one testcase; its
 * failure message names the addresses that are not UP and the samples' failure rate, and its
 * failure text (or system-out) lists every address and the failed samples.
 */
public final class JUnitXml {

  public static final String FILE_NAME = "TEST-site-health.xml";

  private static final Pattern NOT_XML =
      Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

  public void write(RunResult run, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(run, out));
  }

  void write(RunResult run, OutputStream out) throws IOException {
    try {
      // The JDK's own writer: newFactory() would first look for another one through the
      // system properties and the class loader's service files (about 35 ms in a plugin realm).
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory()
          .createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "site-health");
      xml.writeAttribute("tests", Integer.toString(run.checks().size()));
      xml.writeAttribute("failures", Long.toString(run.count(CheckStatus.DOWN)));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("timestamp", run.startedAt().toString());
      xml.writeAttribute("time", seconds(run.durationMs()));
      for (CheckResult c : run.checks()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "site-health." + c.kind());
        xml.writeAttribute("name", xmlSafe(c.name()));
        xml.writeAttribute("time", seconds(c.durationMs()));
        if (c.status() == CheckStatus.DOWN) {
          Finding f = c.finding().orElseThrow();
          xml.writeCharacters("\n    ");
          xml.writeStartElement("failure");
          xml.writeAttribute("type", f.code().id());
          xml.writeAttribute("message", xmlSafe(message(c, f)));
          xml.writeCharacters(xmlSafe(details(c, f)));
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
        } else if (c.status() == CheckStatus.DEGRADED) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("system-out");
          xml.writeCharacters(
              xmlSafe("DEGRADED: " + c.finding().map(f -> details(c, f))
                  .orElseGet(() -> c.observed() + "\n" + partial(c))));
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
        } else if (!c.addresses().isEmpty() || c.sampling().isPresent()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("system-out");
          xml.writeCharacters(xmlSafe("UP: " + c.observed() + "\n" + partial(c)));
          xml.writeEndElement();
          xml.writeCharacters("\n  ");
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML", e);
    }
  }

  private static String details(CheckResult c, Finding f) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.target()).append('\n');
    sb.append(f.summary()).append('\n');
    sb.append("runbook: ").append(f.runbook()).append('\n');
    f.evidence().forEach(e -> sb.append("  ").append(e).append('\n'));
    return sb.append(partial(c)).toString();
  }

  /**
   * {@code 502 Bad Gateway [SOME_ADDRESSES_FAIL, hop network]; 127.0.0.3 DOWN CONNECT_REFUSED
   * (network): connection refused; 2 of 3 addresses UP; 9 of 20 samples failed (45 %), allowed 0
   * %}: the addresses that are not UP, the count of those that are, and the samples.
   */
  private static String message(CheckResult c, Finding f) {
    StringBuilder sb = new StringBuilder(c.observed())
        .append(" [").append(f.code()).append(", hop ").append(f.hop().id()).append(']');
    if (!c.addresses().isEmpty()) {
      for (AddressResult a : c.addresses()) {
        if (a.status() != CheckStatus.UP) {
          sb.append("; ").append(PartialText.address(a));
        }
      }
      sb.append("; ").append(PartialText.addressesUp(c.addresses()));
    }
    c.sampling().ifPresent(s -> sb.append("; ").append(PartialText.sampling(s)));
    return sb.toString();
  }

  /**
   * Every address, one a line, and the samples with the failed ones (at most {@link
   * PartialText#MAX_LISTED_SAMPLES}); empty for a check of one address and one sample.
   */
  private static String partial(CheckResult c) {
    StringBuilder sb = new StringBuilder();
    if (!c.addresses().isEmpty()) {
      sb.append(PartialText.addressesUp(c.addresses())).append(":\n");
      c.addresses().forEach(a -> sb.append("  ").append(PartialText.address(a)).append('\n'));
    }
    if (c.sampling().isPresent()) {
      Sampling s = c.sampling().get();
      sb.append(PartialText.sampling(s)).append(", sent over ").append(s.windowMs())
          .append(" ms\n");
      List<Sample> failures = s.failures();
      failures.stream().limit(PartialText.MAX_LISTED_SAMPLES)
          .forEach(f -> sb.append("  ").append(PartialText.sample(f)).append('\n'));
      if (failures.size() > PartialText.MAX_LISTED_SAMPLES) {
        sb.append("  ").append(PartialText.more(failures.size() - PartialText.MAX_LISTED_SAMPLES))
            .append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Replaces what XML 1.0 cannot hold, even escaped (most control characters, lone surrogates),
   * with U+FFFD: a server's reason phrase or header value may contain them and would otherwise
   * make the whole file unreadable for CI.
   */
  static String xmlSafe(String text) {
    return NOT_XML.matcher(text).replaceAll("\uFFFD");
  }

  /** Milliseconds as seconds with three decimals, exactly (no String.format per check). */
  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).toPlainString();
  }
}
