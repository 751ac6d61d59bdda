package io.github.sitehealth.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

  /** RFC 5952 §4: lower case, no leading zeros, the longest run of zero groups as "::". */
  @ParameterizedTest
  @CsvSource({
    "::1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:0:0:0:0:10, 2001:db8::10",
    "2001:0DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80:0:0:0:0:0:0:1, fe80::1",
    "fe80::1%1, fe80::1",
    "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
    "192.0.2.3, 192.0.2.3",
  })
  void addressesAreWrittenInTheirUsualForm(String literal, String text) throws Exception {
    assertThat(IpText.of(InetAddress.getByName(literal))).isEqualTo(text);
  }

  /** A name the address was looked up by, kept by the JDK, is not part of its text. */
  @Test
  void aSocketAddressHasBracketsOnlyAroundIpv6AndNeverTheName() throws Exception {
    InetAddress v6 = InetAddress.getByAddress("v6multi.shop.test.", InetAddress.getByName("::1")
        .getAddress());
    InetAddress v4 = InetAddress.getByAddress("shop.test", new byte[] {127, 0, 0, 1});

    assertThat(IpText.of(new InetSocketAddress(v6, 443))).isEqualTo("[::1]:443");
    assertThat(IpText.of(new InetSocketAddress(v4, 53))).isEqualTo("127.0.0.1:53");
    assertThat(IpText.of(v6)).isEqualTo("::1");
    assertThat(IpText.of(List.of(v4, v6))).isEqualTo("127.0.0.1, ::1");
  }

  /** HttpClient puts the addresses it tried in its messages in the JDK's debugging form. */
  @Test
  void aLibrarysMessageShowsItsAddressesInTheUsualForm() throws Exception {
    InetAddress v6 = InetAddress.getByAddress("v6multi.shop.test.", InetAddress.getByName("::1")
        .getAddress());
    InetAddress v4 = InetAddress.getByAddress("shop.test", new byte[] {127, 0, 0, 1});
    InetAddress bare = InetAddress.getByName("::1");

    assertThat(IpText.inMessage("Connect to http://v6multi.shop.test:28082 " + List.of(v6)
        + " failed: Connection refused"))
        .isEqualTo("Connect to http://v6multi.shop.test:28082 (::1) failed: Connection refused");
    assertThat(IpText.inMessage("Connect to x " + List.of(v4, bare) + " failed"))
        .isEqualTo("Connect to x (127.0.0.1, ::1) failed");
    assertThat(IpText.inMessage("status [200] of [a/b c]")).isEqualTo("status [200] of [a/b c]");
  }
}
