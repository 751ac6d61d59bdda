package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** A real HAProxy on loopback in front of one backend server. */
public final class HAProxy extends RealServer {

  public static final String BINARY = "/usr/sbin/haproxy";

  private HAProxy() throws IOException {
    super("haproxy");
  }

  public static void require() {
    RealServer.require(BINARY, "haproxy");
  }

  /**
   * Starts haproxy in the foreground on {@code port}, proxying to 127.0.0.1:{@code backendPort}
   * with a {@code timeout server} of {@code serverTimeoutMs}.
   */
  public static HAProxy start(int port, int backendPort, long serverTimeoutMs) throws IOException {
    require();
    HAProxy haproxy = new HAProxy();
    String cfg = String.join("\n",
        "global",
        "  maxconn 256",
        "defaults",
        "  mode http",
        "  timeout connect 1s",
        "  timeout client 10s",
        "  timeout server " + serverTimeoutMs + "ms",
        "frontend edge",
        "  bind 127.0.0.1:" + port,
        "  default_backend origin",
        "backend origin",
        "  server origin 127.0.0.1:" + backendPort,
        "");
    Files.writeString(haproxy.dir.resolve("haproxy.cfg"), cfg);
    try {
      haproxy.start(List.of(BINARY, "-db", "-f", haproxy.dir.resolve("haproxy.cfg").toString()), port);
    } catch (IOException e) {
      haproxy.close();
      throw e;
    }
    return haproxy;
  }
}
