package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** A real Varnish cache on loopback in front of one backend. */
public final class Varnish extends RealServer {

  public static final String BINARY = "/usr/sbin/varnishd";

  private Varnish() throws IOException {
    super("varnish");
  }

  public static void require() {
    RealServer.require(BINARY, "varnish");
  }

  /** Starts varnishd on {@code port} with {@code backendPort} on 127.0.0.1 as its only backend. */
  public static Varnish start(int port, int backendPort) throws IOException {
    require();
    Varnish varnish = new Varnish();
    String vcl = String.join("\n",
        "vcl 4.1;",
        "backend default {",
        "  .host = \"127.0.0.1\";",
        "  .port = \"" + backendPort + "\";",
        "  .connect_timeout = 1s;",
        "  .first_byte_timeout = 2s;",
        "}",
        "");
    Files.writeString(varnish.dir.resolve("default.vcl"), vcl);
    try {
      varnish.start(
          List.of(BINARY, "-F", "-a", "127.0.0.1:" + port,
              "-f", varnish.dir.resolve("default.vcl").toString(),
              "-n", varnish.dir.resolve("work").toString(),
              "-s", "malloc,32m"),
          port);
    } catch (IOException e) {
      varnish.close();
      throw e;
    }
    return varnish;
  }
}
