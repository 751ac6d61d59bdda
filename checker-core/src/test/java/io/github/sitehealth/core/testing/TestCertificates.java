package io.github.sitehealth.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Certificates made at test time with the {@code openssl} command into a temp dir: a test CA and
 * server certificates signed by it (or not) for every TLS failure a check must tell apart. Each
 * server certificate names {@code localhost} and {@code 127.0.0.1} unless said otherwise; EC P-256
 * keys keep generation fast.
 */
public final class TestCertificates implements AutoCloseable {

  public static final String OPENSSL = "/usr/bin/openssl";
  private static final long COMMAND_TIMEOUT_S = 20;
  private static final String LOCAL_NAMES = "DNS:localhost,IP:127.0.0.1";

  /** A certificate (with any chain after it) and its key, as nginx wants them. */
  public record Served(Path certificate, Path key) {}

  private final Path dir;

  public final Path caCertificate;
  /** Trusted through the test CA, valid for a year. */
  public final Served valid;
  /** Trusted, expires in 5 days. */
  public final Served expiringIn5Days;
  /** Trusted CA, but valid only in January 2020. */
  public final Served expired;
  /** Trusted, valid, for {@code wrong.example.com} only. */
  public final Served wrongHost;
  /** Signed by its own key, not by any CA. */
  public final Served selfSigned;
  /** Valid for a year, but presented with an intermediate CA that expires in 5 days. */
  public final Served shortIntermediate;

  private TestCertificates() throws IOException {
    dir = Files.createTempDirectory("site-health-certs-");
    caCertificate = dir.resolve("ca.pem");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=site-health test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    valid = signed("valid", LOCAL_NAMES, "ca", 365);
    expiringIn5Days = signed("expiring", LOCAL_NAMES, "ca", 5);
    wrongHost = signed("wrong-host", "DNS:wrong.example.com", "ca", 365);
    expired = expiredLeaf();
    selfSigned = new Served(dir.resolve("self-signed.pem"), dir.resolve("self-signed.key"));
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "self-signed.key", "-out", "self-signed.pem", "-days", "365",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=" + LOCAL_NAMES);
    shortIntermediate = withShortIntermediate();
  }

  /** Skips (or, under CI, fails) when the {@code openssl} command is missing. */
  public static void require() {
    RealServer.require(OPENSSL, "openssl");
  }

  public static TestCertificates create() throws IOException {
    require();
    return new TestCertificates();
  }

  /** An nginx {@code server} block serving {@code served} over TLS on 127.0.0.1:{@code port}. */
  public static String nginxServer(int port, Served served) {
    return String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + port + " ssl;",
        "  ssl_certificate " + served.certificate() + ";",
        "  ssl_certificate_key " + served.key() + ";",
        "  location / { return 200 \"tls ok\\n\"; }",
        "}");
  }

  /**
   * A further server certificate from the test CA, made on demand.
   *
   * @param name a file name prefix, unique among the certificates of this instance
   * @param altNames the subjectAltName value, e.g. {@code DNS:www.example.test,IP:127.0.0.1};
   *     empty for a certificate without the extension (the name then only in its CN)
   * @param days validity from now
   */
  public Served issue(String name, String altNames, int days) throws IOException {
    if (altNames.isEmpty()) {
      request(name);
      Files.writeString(dir.resolve(name + ".ext"), String.join("\n",
          "basicConstraints = CA:FALSE",
          "keyUsage = critical,digitalSignature",
          "extendedKeyUsage = serverAuth",
          ""));
      openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
          "-set_serial", serial(), "-days", Integer.toString(days), "-sha256",
          "-extfile", name + ".ext", "-out", name + ".pem");
      return new Served(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }
    return signed(name, altNames, "ca", days);
  }

  /**
   * A root R (to trust), an intermediate I and a leaf (for {@code localhost}, 127.0.0.1) under
   * it, served with an extra certificate: R's own subject and key cross-signed by another root X,
   * expired on 2021-09-30 (the pattern of Let's Encrypt's DST Root CA X3 and Sectigo's AddTrust
   * cross-signs). Clients that build the path to R never use the cross-signed copy.
   *
   * @param root R's certificate, the trust anchor to configure
   * @param valid leaf + I (a year) + expired cross-signed R
   * @param intermediateIn5Days leaf + I' (expires in 5 days) + expired cross-signed R
   */
  public record CrossSigned(Path root, Served valid, Served intermediateIn5Days) {}

  /** Makes the {@link CrossSigned} set (once per instance). */
  public CrossSigned crossSigned() throws IOException {
    selfSignedCa("cross-root", "site-health test root R");
    selfSignedCa("cross-old-root", "site-health test old root X");
    // R's subject and key again, issued by X, valid only until 2021-09-30: back-dated with
    // "openssl ca", which takes explicit dates.
    openssl("req", "-new", "-key", "cross-root.key", "-out", "cross-root-by-x.csr",
        "-subj", "/CN=site-health test root R");
    Files.createDirectories(dir.resolve("cross-newcerts"));
    Files.writeString(dir.resolve("cross-index.txt"), "");
    Files.writeString(dir.resolve("cross-serial"), "2000\n");
    Files.writeString(dir.resolve("cross.cnf"), String.join("\n",
        "[ ca ]",
        "default_ca = cross_ca",
        "[ cross_ca ]",
        "dir = " + dir,
        "database = $dir/cross-index.txt",
        "new_certs_dir = $dir/cross-newcerts",
        "serial = $dir/cross-serial",
        "default_md = sha256",
        "policy = any_name",
        "unique_subject = no",
        "x509_extensions = ca_ext",
        "[ any_name ]",
        "commonName = supplied",
        "[ ca_ext ]",
        "basicConstraints = critical,CA:TRUE",
        "keyUsage = critical,keyCertSign,cRLSign",
        "subjectKeyIdentifier = hash",
        "authorityKeyIdentifier = keyid",
        ""));
    openssl("ca", "-batch", "-config", "cross.cnf", "-cert", "cross-old-root.pem",
        "-keyfile", "cross-old-root.key", "-in", "cross-root-by-x.csr",
        "-out", "cross-root-by-x.pem", "-notext",
        "-startdate", "20200101000000Z", "-enddate", "20210930140000Z");
    Served valid = crossChain("cross-intermediate", 365, "cross-leaf");
    Served shortLived = crossChain("cross-intermediate-5d", 5, "cross-leaf-5d");
    return new CrossSigned(dir.resolve("cross-root.pem"), valid, shortLived);
  }

  /** A root of its own and a leaf (for {@code localhost}, 127.0.0.1) it signs. */
  public record Rooted(Path root, Served leaf) {}

  /**
   * A root valid for {@code rootDays} only, and a leaf valid for a year that it signs directly
   * (the root then expires first).
   */
  public Rooted shortLivedRoot(int rootDays) throws IOException {
    selfSignedCa("short-root", "site-health test short-lived root", rootDays);
    Served leaf = signed("short-root-leaf", LOCAL_NAMES, "short-root", 365);
    return new Rooted(dir.resolve("short-root.pem"), leaf);
  }

  private void selfSignedCa(String name, String subject) throws IOException {
    selfSignedCa(name, subject, 3650);
  }

  private void selfSignedCa(String name, String subject, int days) throws IOException {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + ".key", "-out", name + ".pem", "-days", Integer.toString(days),
        "-subj", "/CN=" + subject,
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  }

  /** leaf + intermediate (signed by R, {@code days} long) + the expired cross-signed R. */
  private Served crossChain(String intermediate, int days, String leafName) throws IOException {
    request(intermediate);
    Files.writeString(dir.resolve(intermediate + ".ext"), String.join("\n",
        "basicConstraints = critical,CA:TRUE,pathlen:0",
        "keyUsage = critical,keyCertSign,cRLSign",
        ""));
    openssl("x509", "-req", "-in", intermediate + ".csr", "-CA", "cross-root.pem",
        "-CAkey", "cross-root.key", "-set_serial", serial(), "-days", Integer.toString(days),
        "-sha256", "-extfile", intermediate + ".ext", "-out", intermediate + ".pem");
    Served leaf = signed(leafName, LOCAL_NAMES, intermediate, 365);
    Path chain = dir.resolve(leafName + "-chain.pem");
    Files.writeString(chain, Files.readString(leaf.certificate())
        + Files.readString(dir.resolve(intermediate + ".pem"))
        + Files.readString(dir.resolve("cross-root-by-x.pem")));
    return new Served(chain, leaf.key());
  }

  private Served signed(String name, String altNames, String ca, int days) throws IOException {
    request(name);
    Files.writeString(dir.resolve(name + ".ext"), leafExtensions(altNames));
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
        "-set_serial", serial(), "-days", Integer.toString(days), "-sha256",
        "-extfile", name + ".ext", "-out", name + ".pem");
    return new Served(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
  }

  /** {@code openssl x509} cannot back-date; {@code openssl ca} takes explicit start and end dates. */
  private Served expiredLeaf() throws IOException {
    request("expired");
    Files.createDirectories(dir.resolve("newcerts"));
    Files.writeString(dir.resolve("index.txt"), "");
    Files.writeString(dir.resolve("serial"), "1000\n");
    Files.writeString(dir.resolve("ca.cnf"), String.join("\n",
        "[ ca ]",
        "default_ca = test_ca",
        "[ test_ca ]",
        "dir = " + dir,
        "database = $dir/index.txt",
        "new_certs_dir = $dir/newcerts",
        "serial = $dir/serial",
        "default_md = sha256",
        "policy = any_name",
        "unique_subject = no",
        "x509_extensions = leaf",
        "[ any_name ]",
        "commonName = supplied",
        "[ leaf ]",
        leafExtensions(LOCAL_NAMES),
        ""));
    openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
        "-in", "expired.csr", "-out", "expired.pem", "-notext",
        "-startdate", "20200101000000Z", "-enddate", "20200201000000Z");
    return new Served(dir.resolve("expired.pem"), dir.resolve("expired.key"));
  }

  private Served withShortIntermediate() throws IOException {
    request("intermediate");
    Files.writeString(dir.resolve("intermediate.ext"), String.join("\n",
        "basicConstraints = critical,CA:TRUE,pathlen:0",
        "keyUsage = critical,keyCertSign,cRLSign",
        ""));
    openssl("x509", "-req", "-in", "intermediate.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-set_serial", serial(), "-days", "5", "-sha256", "-extfile", "intermediate.ext",
        "-out", "intermediate.pem");
    Served leaf = signed("behind-intermediate", LOCAL_NAMES, "intermediate", 365);
    Path chain = dir.resolve("behind-intermediate-chain.pem");
    Files.writeString(chain,
        Files.readString(leaf.certificate()) + Files.readString(dir.resolve("intermediate.pem")));
    return new Served(chain, leaf.key());
  }

  private void request(String name) throws IOException {
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
  }

  private static String leafExtensions(String altNames) {
    return String.join("\n",
        "subjectAltName = " + altNames,
        "basicConstraints = CA:FALSE",
        "keyUsage = critical,digitalSignature",
        "extendedKeyUsage = serverAuth",
        "");
  }

  private int serials = 1;

  private String serial() {
    return Integer.toString(serials++);
  }

  private void openssl(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL);
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("openssl did not finish in " + COMMAND_TIMEOUT_S + " s: " + command);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("openssl failed (" + process.exitValue() + "): " + command + "\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
