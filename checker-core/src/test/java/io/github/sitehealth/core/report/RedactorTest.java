package io.github.sitehealth.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is masked: the secrets, wherever they stand as secrets; not the same letters elsewhere. */
class RedactorTest {

  private static Redactor of(String... urls) {
    return Redactor.of(SpecParser.parse(RunConfig.builder()
        .endpoints(java.util.stream.IntStream.range(0, urls.length)
            .mapToObj(i -> EndpointConfig.of("e" + i, urls[i])).toList())
        .dnsRecords(List.of(DnsRecordConfig.of("missing.shop.test", "A")))
        .build()), java.util.Set.of());
  }

  @Test
  void aShortTokenIsMaskedAsAParametersValueNotWhereverItsLettersAppear() {
    Redactor r = of("http://127.0.0.1:8080/bad?code=shop");

    assertThat(r.redact("http://127.0.0.1:8080/bad?code=shop")).isEqualTo("http://127.0.0.1:8080/bad?code=****");
    assertThat(r.redact("GET http://127.0.0.1:8080/bad?code=shop&x=1 -> 502"))
        .isEqualTo("GET http://127.0.0.1:8080/bad?code=****&x=1 -> 502");
    assertThat(r.redact("missing.shop.test. A")).isEqualTo("missing.shop.test. A");
    assertThat(r.redact("edge4-all (http://edge4.shop.test:28080/)"))
        .isEqualTo("edge4-all (http://edge4.shop.test:28080/)");
  }

  @Test
  void aShortPasswordIsMaskedInAUrlsCredentials() {
    Redactor r = of("http://alice:pa55@127.0.0.1:8080/bad");

    assertThat(r.redact("GET http://alice:pa55@127.0.0.1:8080/bad -> 502"))
        .isEqualTo("GET http://alice:****@127.0.0.1:8080/bad -> 502");
    assertThat(r.redact("the pa55 word")).isEqualTo("the pa55 word");
  }

  @Test
  void aLongSecretIsMaskedWhereverItAppearsEvenEchoedInFreeText() {
    Redactor r = of("http://127.0.0.1:8080/x?token=qt-98765-abcdef");

    assertThat(r.redact("server said: invalid qt-98765-abcdef")).isEqualTo("server said: invalid ****");
    assertThat(r.redact("X-Cache: query token=qt-98765-abcdef&page=2"))
        .isEqualTo("X-Cache: query token=****&page=2");
  }

  @Test
  void aRunWithoutSecretsWritesItsTextAsItIs() {
    Redactor r = of("http://127.0.0.1:8080/x?page=2");

    assertThat(r.redact("see https://a.test/?token=abc and //u:p@host")).isEqualTo(
        "see https://a.test/?token=abc and //u:p@host");
  }
}
