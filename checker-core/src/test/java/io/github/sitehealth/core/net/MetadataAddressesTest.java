package io.github.sitehealth.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataAddressesTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return MetadataAddresses.literal(literal).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254", "169.254.0.0", "169.254.255.255", "169.254.1.1",
        "fd00:ec2::254", "fe80::1", "febf:ffff::1", "[fe80::1%1]",
        "::ffff:169.254.169.254", "::169.254.169.254", "64:ff9b::a9fe:a9fe"
      })
  void metadataAndLinkLocalAddressesAreForbidden(String literal) throws Exception {
    assertThat(MetadataAddresses.isForbidden(ip(literal))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.253.255.255", "169.255.0.0", "127.0.0.1", "10.0.0.1", "192.168.1.1",
        "fd00:ec2::253", "fec0::1", "fc00::1", "::1", "2001:db8::1", "::ffff:127.0.0.1"
      })
  void otherAddressesAreAllowed(String literal) throws Exception {
    assertThat(MetadataAddresses.isForbidden(ip(literal))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "169.254.169.254, 169.254.169.254",
    "2852039166, 169.254.169.254",
    "0xa9fea9fe, 169.254.169.254",
    "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
    "0251.0376.0251.0376, 169.254.169.254",
    "169.254.43518, 169.254.169.254",
    "169.16689662, 169.254.169.254",
    "[::ffff:a9fe:a9fe], 169.254.169.254",
    "[fd00:ec2::254], fd00:ec2:0:0:0:0:0:254",
  })
  void literalsInEveryFormTheSystemResolverAcceptsAreRecognized(String host, String address)
      throws Exception {
    assertThat(MetadataAddresses.literal(host)).map(InetAddress::getHostAddress).contains(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com", "metadata.google.internal", "1.2.3.4.5", "256.1.1.1", "08.1.1.1",
        "1..1", "", "[not:an:ip]"})
  void hostNamesAndInvalidLiteralsAreNotLiterals(String host) {
    assertThat(MetadataAddresses.literal(host)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "169.254.169.254 | 169.254.169.254, the cloud metadata service",
        "fd00:ec2::254 | fd00:ec2::254, the cloud metadata service",
        "169.254.1.1 | 169.254.1.1, a link-local address",
        "[fe80::1%1] | fe80::1, a link-local address"
      })
  void describesWhyAnAddressIsRefused(String literal, String words) throws Exception {
    assertThat(MetadataAddresses.describe(ip(literal))).isEqualTo(words);
  }
}
