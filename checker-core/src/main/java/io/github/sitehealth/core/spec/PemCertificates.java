package io.github.sitehealth.core.spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code -----BEGIN CERTIFICATE-----} blocks of a PEM file; other blocks are ignored. */
final class PemCertificates {

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

  /** The file is readable but not a PEM file of certificates. */
  static final class NotPemException extends Exception {
    NotPemException(String reason) {
      super(reason);
    }
  }

  private PemCertificates() {}

  static List<X509Certificate> read(Path file) throws IOException, NotPemException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 support", e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der;
      try {
        der = java.util.Base64.getMimeDecoder().decode(m.group(1));
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException e) {
        throw new NotPemException(
            "holds certificate #" + (certificates.size() + 1) + " that cannot be read: "
                + e.getMessage());
      }
    }
    if (certificates.isEmpty()) {
      throw new NotPemException(
          "is not a PEM file of CA certificates (no -----BEGIN CERTIFICATE----- block)");
    }
    return certificates;
  }
}
