package io.github.sitehealth.plugin;

import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustCertificates, allowMetadataTargets and tlsExpiryWarnDays reach the core and its checks. */
@MojoTest
class VerifyMojoTargetsAndTrustTest {

  private static final String POM = "src/test/resources/unit/hostile/pom.xml";

  @TempDir Path out;

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  void aMetadataUrlIsAConfigurationErrorNamingTheOptIn(VerifyMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());
    List<EndpointConfig> endpoints = getVariableValueFromObject(mojo, "endpoints");
    assertThat((Integer) getVariableValueFromObject(endpoints.get(0), "tlsExpiryWarnDays"))
        .isEqualTo(30);

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining(
            "<endpoint><url> \"http://169.254.169.254/latest/meta-data/\" is a cloud metadata"
                + " or link-local address")
        .hasMessageContaining("<allowMetadataTargets>true</allowMetadataTargets>");
    assertThat(out.resolve("results.json")).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  void anUnreadableTrustCertificatesFileIsAConfigurationError(VerifyMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "outputDirectory", out.toFile());
    setVariableValueToObject(mojo, "allowMetadataTargets", true);
    Path notPem = Files.writeString(out.resolve("ca.txt"), "not a certificate");
    setVariableValueToObject(mojo, "trustCertificates", notPem.toFile());

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("<trustCertificates> \"" + notPem + "\" is not a PEM file")
        .message()
        .doesNotContain("<endpoint><url>");
    assertThat(out.resolve("results.json")).doesNotExist();
  }
}
