package io.github.sitehealth.core.tcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A plain socket whose reads end by a deadline: before each read its timeout is set to the time
 * left, and once the deadline has passed a read fails at once with a {@link
 * SocketTimeoutException}. A socket's own timeout bounds each read, not their sum, so a server
 * that trickles a byte at a time could otherwise hold a TLS handshake (which reads as many
 * records as the server sends) or a banner read far beyond the check's deadline. An {@link
 * javax.net.ssl.SSLSocket} layered on this socket reads through it, so the handshake is bounded
 * too.
 */
final class DeadlineSocket extends Socket {

  private final long deadlineNanos;
  private InputStream in;

  /**
   * @param deadlineNanos the deadline, as {@link System#nanoTime()}
   */
  DeadlineSocket(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** Milliseconds left until the deadline, at least 1 while any time is left; 0 after it. */
  int remainingMs() {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) {
      in = new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          armTimeout();
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          armTimeout();
          return super.read(b, off, len);
        }
      };
    }
    return in;
  }

  /**
   * Sets the socket's timeout to the time left.
   *
   * @throws SocketTimeoutException when the deadline has passed
   */
  private void armTimeout() throws IOException {
    int left = remainingMs();
    if (left == 0) {
      throw new SocketTimeoutException("the check's deadline has passed");
    }
    setSoTimeout(left);
  }
}
