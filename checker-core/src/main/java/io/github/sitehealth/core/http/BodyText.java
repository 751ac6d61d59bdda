package io.github.sitehealth.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.hc.core5.http.ContentType;

/**
 * A response body as text, the way a browser reads it: the content codings of {@code
 * Content-Encoding} undone, last applied first (RFC 9110 &sect;8.4: {@code gzip}/{@code x-gzip},
 * {@code deflate}, {@code identity}), then the bytes decoded with the {@code charset} of {@code
 * Content-Type} (RFC 9110 &sect;8.3.1, &sect;8.3.2), UTF-8 when there is none or it is unknown.
 * A body cut at the probe's cap is decoded as far as it goes.
 *
 * @param text the decoded text, at most {@link #MAX_DECODED_BYTES} bytes' worth
 * @param truncated whether the text is not the whole body: the probe stopped reading at its cap,
 *     or the decoded body was longer than {@link #MAX_DECODED_BYTES}
 * @param charset the charset the bytes were decoded with
 * @param problem why the body could not be decoded (fully), e.g. a coding site-health does not
 *     decode ({@code br}); empty when it was
 */
public record BodyText(String text, boolean truncated, Charset charset, Optional<String> problem) {

  /**
   * The content codings the probe asks for ({@code Accept-Encoding}, RFC 9110 &sect;12.5.3): the
   * ones it can undo with the JDK alone. {@code br} and {@code zstd} need libraries the plugin
   * does not have, so it does not ask for them.
   */
  public static final String ACCEPT_ENCODING = "gzip, deflate";

  /** At most this many bytes (8 MiB) are inflated from a compressed body: a zip bomb stops here. */
  public static final int MAX_DECODED_BYTES = 8 * 1024 * 1024;

  /** The body of {@code response}, decoded. */
  public static BodyText of(HttpSnapshot response) {
    Charset charset = charset(response.field("Content-Type"));
    byte[] bytes = response.body();
    boolean truncated = response.truncated();
    List<String> codings = new ArrayList<>();
    response.field("Content-Encoding").ifPresent(v -> {
      for (String coding : v.split(",")) {
        String c = coding.trim().toLowerCase(Locale.ROOT);
        if (!c.isEmpty() && !c.equals("identity")) {
          codings.add(c);
        }
      }
    });
    Collections.reverse(codings);
    for (String coding : codings) {
      if (!(coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("deflate"))) {
        return new BodyText("", truncated, charset, Optional.of(
            "the body is " + coding + "-encoded (Content-Encoding), which site-health does not decode"));
      }
      Inflated inflated = inflate(coding, bytes);
      bytes = inflated.bytes();
      truncated |= inflated.cappedOrCut();
      if (inflated.corrupt() && !response.truncated()) {
        return new BodyText(new String(bytes, charset), true, charset, Optional.of(
            "the " + coding + " data is corrupt after " + bytes.length + " decoded bytes"));
      }
    }
    return new BodyText(new String(bytes, charset), truncated, charset, Optional.empty());
  }

  /** The charset parameter of Content-Type, or UTF-8 when absent or not known to the JDK. */
  static Charset charset(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return StandardCharsets.UTF_8;
    }
    try {
      Charset charset = ContentType.parse(contentType.get()).getCharset();
      return charset == null ? StandardCharsets.UTF_8 : charset;
    } catch (RuntimeException e) {
      // An unknown or malformed charset name: UTF-8 is the likeliest truth.
      return StandardCharsets.UTF_8;
    }
  }

  private record Inflated(byte[] bytes, boolean cappedOrCut, boolean corrupt) {}

  /**
   * Inflates as far as the data goes; a stream that ends early keeps what came before. {@code
   * deflate} is the zlib format (RFC 9110 &sect;8.4.1.2, RFC 1950); some servers send the raw
   * deflate stream instead, which is read too.
   */
  private static Inflated inflate(String coding, byte[] compressed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean capped = false;
    boolean cut = false;
    boolean zlib = compressed.length >= 2
        && (compressed[0] & 0x0F) == 8
        && (((compressed[0] & 0xFF) << 8) | (compressed[1] & 0xFF)) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    try (InputStream in = coding.equals("deflate")
        ? new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)
        : new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        int room = MAX_DECODED_BYTES - out.size();
        out.write(buffer, 0, Math.min(n, room));
        if (n >= room) {
          capped = true;
          break;
        }
      }
    } catch (IOException e) {
      cut = true;
    } finally {
      inflater.end();
    }
    return new Inflated(out.toByteArray(), capped || cut, cut);
  }
}
