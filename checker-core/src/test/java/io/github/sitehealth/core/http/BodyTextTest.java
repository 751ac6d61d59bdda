package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Decoding cases that none of the installed servers produces: nginx compresses with gzip only
 * (its gzip module has no deflate), never sends a coding it cannot make, and does not corrupt
 * its own output. The gzip and charset cases run against a real nginx in BodyExpectationsTest.
 */
class BodyTextTest {

  private static final String TEXT = "<p>Welcome to the shop</p>";

  private static HttpSnapshot response(byte[] body, boolean truncated, String... headers) {
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      fields.add(new HeaderField(headers[i], headers[i + 1]));
    }
    return new HttpSnapshot(URI.create("http://127.0.0.1/"), 200, "OK", fields, body, truncated, 1, 1);
  }

  private static byte[] deflate(byte[] data, boolean zlib) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlib);
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
      d.write(data);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }

  /** RFC 9110 section 8.4.1.2: deflate is the zlib format; raw deflate is read too. */
  @Test
  void deflateInTheZlibFormatAndRaw() throws Exception {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    assertThat(BodyText.of(response(deflate(bytes, true), false, "Content-Encoding", "deflate")).text())
        .isEqualTo(TEXT);
    assertThat(BodyText.of(response(deflate(bytes, false), false, "Content-Encoding", "deflate")).text())
        .isEqualTo(TEXT);
  }

  /** RFC 9110 section 8.4: codings are listed in the order applied, undone last first. */
  @Test
  void severalCodingsAreUndoneInReverseOrder() throws Exception {
    byte[] twice = gzip(deflate(TEXT.getBytes(StandardCharsets.UTF_8), true));
    BodyText body = BodyText.of(response(twice, false, "Content-Encoding", "deflate, gzip"));

    assertThat(body.text()).isEqualTo(TEXT);
    assertThat(body.problem()).isEmpty();
  }

  @Test
  void aCodingSiteHealthCannotUndoIsSaid() {
    BodyText body = BodyText.of(response(new byte[] {1, 2, 3}, false, "Content-Encoding", "br"));

    assertThat(body.text()).isEmpty();
    assertThat(body.problem()).contains(
        "the body is br-encoded (Content-Encoding), which site-health does not decode");
  }

  @Test
  void aGzipStreamCutAtTheCapKeepsWhatCameBefore() throws Exception {
    byte[] whole = gzip(("A".repeat(5000) + "B".repeat(5000)).getBytes(StandardCharsets.UTF_8));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);

    BodyText body = BodyText.of(response(cut, true, "Content-Encoding", "gzip"));

    assertThat(body.truncated()).isTrue();
    assertThat(body.problem()).isEmpty();
    assertThat(body.text()).startsWith("AAAA");
  }

  /** RFC 9110 section 8.3.2: the charset parameter, case-insensitive; UTF-8 otherwise. */
  @Test
  void theCharsetParameterDecidesAndUtf8IsTheDefault() {
    byte[] latin1 = "crème".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(BodyText.of(response(latin1, false, "Content-Type", "text/html; Charset=\"ISO-8859-1\"")).text())
        .isEqualTo("crème");
    byte[] utf8 = "crème".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyText.of(response(utf8, false, "Content-Type", "text/html")).text()).isEqualTo("crème");
    assertThat(BodyText.of(response(utf8, false, "Content-Type", "text/html; charset=no-such-charset")).text())
        .isEqualTo("crème");
  }
}
