package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A real nginx on loopback, configured with the {@code server {}} blocks a test gives. Loads the
 * echo module so a location can answer after a delay ({@code echo_sleep}), and, for {@code
 * stream {}} servers (raw TCP: a banner, a proxy that trickles), the stream module.
 */
public final class Nginx extends RealServer {

  public static final String BINARY = "/usr/sbin/nginx";
  private static final String ECHO_MODULE = "/usr/lib/nginx/modules/ngx_http_echo_module.so";
  private static final String STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";

  private Nginx() throws IOException {
    super("nginx");
  }

  /** Skips (or, under CI, fails) when nginx or its echo module is missing. */
  public static void require() {
    RealServer.require(BINARY, "nginx-light");
    RealServer.require(ECHO_MODULE, "libnginx-mod-http-echo");
  }

  /** Skips (or, under CI, fails) when nginx, its echo module or its stream module is missing. */
  public static void requireStream() {
    require();
    RealServer.require(STREAM_MODULE, "libnginx-mod-stream");
  }

  /**
   * Starts nginx with the given server blocks; each must {@code listen 127.0.0.1:PORT} on one of
   * {@code ports}, which are waited for.
   */
  public static Nginx start(String servers, int... ports) throws IOException {
    require();
    return launch(servers, null, ports);
  }

  /**
   * Starts nginx with the given {@code http} and {@code stream} server blocks; each must {@code
   * listen 127.0.0.1:PORT} on one of {@code ports}, which are waited for.
   */
  public static Nginx startWithStreams(String servers, String streams, int... ports)
      throws IOException {
    requireStream();
    return launch(servers, streams, ports);
  }

  private static Nginx launch(String servers, String streams, int... ports) throws IOException {
    Nginx nginx = new Nginx();
    List<String> lines = new ArrayList<>();
    lines.add("load_module " + ECHO_MODULE + ";");
    if (streams != null) {
      lines.add("load_module " + STREAM_MODULE + ";");
    }
    lines.addAll(List.of(
        "daemon off;",
        "master_process off;",
        "worker_processes 1;",
        "pid " + nginx.dir.resolve("nginx.pid") + ";",
        "error_log " + nginx.dir.resolve("error.log") + " warn;",
        "events { worker_connections 256; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + nginx.dir.resolve("client_body") + ";",
        "  proxy_temp_path " + nginx.dir.resolve("proxy") + ";",
        "  fastcgi_temp_path " + nginx.dir.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + nginx.dir.resolve("uwsgi") + ";",
        "  scgi_temp_path " + nginx.dir.resolve("scgi") + ";",
        "  proxy_connect_timeout 2s;",
        servers,
        "}"));
    if (streams != null) {
      lines.addAll(List.of("stream {", streams, "}"));
    }
    lines.add("");
    Files.writeString(nginx.dir.resolve("nginx.conf"), String.join("\n", lines));
    try {
      nginx.start(
          List.of(BINARY, "-p", nginx.dir.toString(), "-c", nginx.dir.resolve("nginx.conf").toString()),
          ports);
    } catch (IOException e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }
}
