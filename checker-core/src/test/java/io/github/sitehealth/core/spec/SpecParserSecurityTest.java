package io.github.sitehealth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.sitehealth.core.testing.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run-wide trust and target options, and the per-endpoint certificate expiry window. */
class SpecParserSecurityTest {

  private static final String OPT_IN = "<allowMetadataTargets>true</allowMetadataTargets>";

  @TempDir Path dir;

  private static RunConfig run(EndpointConfig endpoint, String trust, Boolean allowMetadata) {
    return RunConfig.builder().endpoints(List.of(endpoint)).trustCertificates(trust).allowMetadataTargets(allowMetadata).build();
  }

  private static InvalidConfigException invalid(RunConfig config) {
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> SpecParser.parse(config));
    assertThat(e).as("an invalid configuration").isNotNull();
    return e;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.1.1:8443/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[fe80::1]:8080/",
        "http://[::ffff:169.254.169.254]/"
      })
  void aMetadataOrLinkLocalUrlIsRefusedNamingTheElementTheValueAndTheOptIn(String url) {
    InvalidConfigException e = invalid(run(EndpointConfig.of("meta", url), null, null));

    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.element()).isEqualTo("<endpoint><url>");
      assertThat(p.value()).isEqualTo(url);
    });
    assertThat(e.getMessage())
        .contains("<endpoint><url> \"" + url + "\" is a cloud metadata or link-local address")
        .contains(OPT_IN)
        .contains("(endpoint \"meta\")");
  }

  @Test
  void theOriginAndTheOriginAddressAreCheckedToo() {
    EndpointConfig config =
        EndpointConfig.builder("meta", "https://www.example.com/")
            .origin("http://169.254.169.254/")
            .originAddress("fd00:ec2::254")
            .build();

    InvalidConfigException e = invalid(run(config, null, null));

    assertThat(e.problems())
        .extracting(ConfigProblem::element)
        .containsExactly("<endpoint><origin>", "<endpoint><originAddress>");
    assertThat(e.getMessage()).contains("169.254.169.254, the cloud metadata service");
  }

  @Test
  void theOptInAllowsThem() {
    RunSpec spec =
        SpecParser.parse(run(EndpointConfig.of("meta", "http://169.254.169.254/"), null, true));

    assertThat(spec.allowMetadataTargets()).isTrue();
    assertThat(spec.endpoints()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://169.253.255.255/", "http://169.255.0.1/", "http://[fd00:ec2::253]/",
        "http://[fec0::1]/", "http://127.0.0.1:8080/", "http://metadata.example.com/"})
  void otherAddressesAndNamesAreFine(String url) {
    RunSpec spec = SpecParser.parse(run(EndpointConfig.of("fine", url), null, null));

    assertThat(spec.allowMetadataTargets()).isFalse();
    assertThat(spec.endpoints()).hasSize(1);
  }

  @Test
  void trustCertificatesReadsEveryCertificateOfAPemFile() throws Exception {
    X509Certificate[] jdk = jdkCertificates();
    Path pem = dir.resolve("extra-ca.pem");
    Files.writeString(pem, "# two CAs\n" + pem(jdk[0]) + "some text between\n" + pem(jdk[1]));

    RunSpec spec =
        SpecParser.parse(run(EndpointConfig.of("a", "https://a.example/"), pem.toString(), null));

    assertThat(spec.trustCertificates()).containsExactly(jdk[0], jdk[1]);
  }

  @Test
  void withoutTrustCertificatesOnlyTheJdkTrustIsUsed() {
    RunSpec spec = SpecParser.parse(new RunConfig(List.of(), null, null));

    assertThat(spec.trustCertificates()).isEmpty();
  }

  @Test
  void anUnreadableTrustCertificatesFileIsNamed() {
    String missing = dir.resolve("missing.pem").toString();

    InvalidConfigException e = invalid(run(EndpointConfig.of("a", "https://a.example/"), missing, null));

    assertThat(e.getMessage())
        .contains("<trustCertificates> \"" + missing + "\" is not readable: no such file");
  }

  @Test
  void aDirectoryIsNotReadableAsTrustCertificates() {
    InvalidConfigException e =
        invalid(run(EndpointConfig.of("a", "https://a.example/"), dir.toString(), null));

    assertThat(e.getMessage()).contains("<trustCertificates> \"" + dir + "\" is not readable");
  }

  @Test
  void aFileThatIsNotPemIsNamed() throws Exception {
    Path der = dir.resolve("ca.der");
    Files.write(der, jdkCertificates()[0].getEncoded());

    InvalidConfigException e =
        invalid(run(EndpointConfig.of("a", "https://a.example/"), der.toString(), null));

    assertThat(e.getMessage())
        .contains("<trustCertificates> \"" + der + "\" is not a PEM file of CA certificates");
  }

  @Test
  void aDamagedCertificateBlockIsNamed() throws Exception {
    Path pem = dir.resolve("damaged.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    InvalidConfigException e =
        invalid(run(EndpointConfig.of("a", "https://a.example/"), pem.toString(), null));

    assertThat(e.getMessage())
        .contains("<trustCertificates> \"" + pem + "\" holds certificate #1 that cannot be read");
  }

  @Test
  void tlsExpiryWarnDaysDefaultsTo14AndAcceptsZero() {
    assertThat(Endpoint.named("a", "https://a.example/").spec().tlsExpiryWarnDays()).isEqualTo(14);
    assertThat(Endpoint.named("a", "https://a.example/").tlsExpiryWarnDays(0).spec()
        .tlsExpiryWarnDays()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 3651})
  void tlsExpiryWarnDaysOutOfRangeIsNamed(int days) {
    InvalidConfigException e =
        invalid(
            new RunConfig(
                List.of(Endpoint.named("a", "https://a.example/").tlsExpiryWarnDays(days).config()),
                null,
                null));

    assertThat(e.getMessage())
        .contains("<endpoint><tlsExpiryWarnDays> \"" + days + "\" must be between 0");
  }

  private static X509Certificate[] jdkCertificates() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    X509Certificate[] all =
        Arrays.stream(factory.getTrustManagers())
            .filter(X509TrustManager.class::isInstance)
            .map(X509TrustManager.class::cast)
            .findFirst()
            .orElseThrow()
            .getAcceptedIssuers();
    assertThat(all).hasSizeGreaterThan(1);
    return all;
  }

  private static String pem(X509Certificate cert) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
