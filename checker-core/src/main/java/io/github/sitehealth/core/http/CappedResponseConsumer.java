package io.github.sitehealth.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Keeps the status, the headers and at most {@code cap} bytes of the body. Past the cap it stops
 * reading (by failing the exchange with {@link BodyLimitReached}), so a huge body costs neither
 * memory nor time.
 */
final class CappedResponseConsumer extends AbstractBinResponseConsumer<HttpSnapshot> {

  /** Signals that the cap was reached; the partial snapshot is still a valid response. */
  static final class BodyLimitReached extends IOException {
    BodyLimitReached() {
      super("response body larger than the read cap", null);
    }
  }

  private final URI uri;
  private final long startNanos;
  private final int cap;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  private volatile HttpResponse response;
  private volatile long headersMs = -1;
  private volatile boolean truncated;

  CappedResponseConsumer(URI uri, long startNanos, int cap) {
    this.uri = uri;
    this.startNanos = startNanos;
    this.cap = cap;
  }

  @Override
  protected void start(HttpResponse response, ContentType contentType) {
    this.response = response;
    this.headersMs = elapsedMs();
  }

  @Override
  protected int capacityIncrement() {
    return Math.max(cap - body.size(), 8 * 1024);
  }

  @Override
  protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
    synchronized (body) {
      int room = cap - body.size();
      int n = Math.min(room, src.remaining());
      if (n > 0) {
        byte[] chunk = new byte[n];
        src.get(chunk);
        body.write(chunk, 0, n);
      }
      if (src.hasRemaining()) {
        truncated = true;
        throw new BodyLimitReached();
      }
    }
  }

  @Override
  protected HttpSnapshot buildResult() {
    return snapshot().orElseThrow();
  }

  @Override
  public void releaseResources() {}

  boolean headersReceived() {
    return response != null;
  }

  boolean truncated() {
    return truncated;
  }

  /** The response so far, when the headers have arrived. */
  java.util.Optional<HttpSnapshot> snapshot() {
    HttpResponse r = response;
    if (r == null) {
      return java.util.Optional.empty();
    }
    List<HeaderField> headers = new ArrayList<>();
    for (Header h : r.getHeaders()) {
      headers.add(new HeaderField(h.getName(), h.getValue()));
    }
    byte[] bytes;
    synchronized (body) {
      bytes = body.toByteArray();
    }
    return java.util.Optional.of(
        new HttpSnapshot(
            uri,
            r.getCode(),
            r.getReasonPhrase() == null ? "" : r.getReasonPhrase(),
            headers,
            bytes,
            truncated,
            headersMs,
            elapsedMs()));
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
