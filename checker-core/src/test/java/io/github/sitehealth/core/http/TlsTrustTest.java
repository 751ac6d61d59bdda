package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsTrustTest {

  @Test
  void extraCertificatesAreAddedToTheJdkTrustNeverReplacingIt() throws Exception {
    try (TestCertificates certs = TestCertificates.create()) {
      List<X509Certificate> testCa =
          SpecParser.parse(
                  RunConfig.builder().trustCertificates(certs.caCertificate.toString()).build())
              .trustCertificates();
      X509Certificate[] jdk = TlsTrust.defaultTrustManager().getAcceptedIssuers();

      X509Certificate[] combined = TlsTrust.trustManager(testCa).getAcceptedIssuers();

      assertThat(jdk).isNotEmpty().doesNotContainAnyElementsOf(testCa);
      assertThat(combined).contains(jdk).containsAll(testCa).hasSize(jdk.length + 1);
    }
  }
}
