package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A real nginx on loopback, configured with the {@code server {}} blocks a test gives. Loads the
 * echo module so a location can answer after a delay ({@code echo_sleep}).
 */
public final class Nginx extends RealServer {

  public static final String BINARY = "/usr/sbin/nginx";
  private static final String ECHO_MODULE = "/usr/lib/nginx/modules/ngx_http_echo_module.so";

  private Nginx() throws IOException {
    super("nginx");
  }

  /** Skips (or, under CI, fails) when nginx or its echo module is missing. */
  public static void require() {
    RealServer.require(BINARY, "nginx-light");
    RealServer.require(ECHO_MODULE, "libnginx-mod-http-echo");
  }

  /**
   * Starts nginx with the given server blocks; each must {@code listen 127.0.0.1:PORT} on one of
   * {@code ports}, which are waited for.
   */
  public static Nginx start(String servers, int... ports) throws IOException {
    require();
    Nginx nginx = new Nginx();
    String conf = String.join("\n",
        "load_module " + ECHO_MODULE + ";",
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
        "}",
        "");
    Files.writeString(nginx.dir.resolve("nginx.conf"), conf);
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
