package io.github.sitehealth.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.Verifier;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets configured for a run never reach what it writes, even when a server echoes them back;
 * and sensitive headers are not sent on to another host by a redirect.
 */
class SecretsTest {

  private static final String BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.c2l0ZS1oZWFsdGg.sekret-signature";
  private static final String API_KEY = "ak_live_7f3c9e1d2b";
  private static final String CUSTOM = "custom-secret-4711";
  private static final String PASSWORD = "hunter2-pass";
  private static final String QUERY_TOKEN = "qt-98765-abcdef";

  private HttpServer echo;
  private HttpServer other;
  private final List<String> seenByOtherHost = Collections.synchronizedList(new ArrayList<>());

  @TempDir Path out;

  @BeforeEach
  void start() throws IOException {
    other = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 16);
    other.createContext("/", ex -> {
      ex.getRequestHeaders().forEach((k, v) -> seenByOtherHost.add(k + ": " + String.join(",", v)));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    other.start();
    echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    // Echoes every secret it gets into headers the evidence records, and fails with a 502.
    echo.createContext("/echo", ex -> {
      String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
      ex.getResponseHeaders().add("Server", "echo " + auth);
      ex.getResponseHeaders().add("Via", "1.1 " + ex.getRequestHeaders().getFirst("X-Api-Key")
          + " " + ex.getRequestHeaders().getFirst("X-Custom-Token"));
      ex.getResponseHeaders().add("X-Cache", "query " + ex.getRequestURI().getRawQuery());
      ex.sendResponseHeaders(502, -1);
      ex.close();
    });
    echo.createContext("/away", ex -> {
      ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + other.getAddress().getPort() + "/landing");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    echo.start();
  }

  @AfterEach
  void stop() {
    echo.stop(0);
    other.stop(0);
  }

  private RunSpec spec(String path) {
    String url = "http://user:" + PASSWORD + "@127.0.0.1:" + echo.getAddress().getPort() + path
        + "?token=" + QUERY_TOKEN + "&page=2";
    EndpointConfig endpoint =
        EndpointConfig.builder("secrets", url)
            .headers(Map.of("Authorization", BEARER, "X-Api-Key", API_KEY, "X-Custom-Token", CUSTOM))
            .timeoutMs(3000L)
            .retries(0)
            .build();
    return SpecParser.parse(
        RunConfig.builder().endpoints(List.of(endpoint)).secretHeaders(List.of("X-Custom-Token")).build());
  }

  @Test
  void noSecretReachesTheResultsTheJUnitXmlOrTheListener() throws IOException {
    List<CheckResult> reported = new ArrayList<>();

    RunResult run = new Verifier(reported::add).verify(spec("/echo"), out);

    assertThat(run.checks().get(0).finding().orElseThrow().evidence())
        .as("the server did echo the secrets, masked")
        .anyMatch(e -> e.contains("server: echo " + Redactor.MASK));
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        texts.add(Files.readString(f));
      }
    }
    texts.add(reported.toString());
    texts.add(TextReport.failure(run, out));
    assertThat(texts).hasSizeGreaterThanOrEqualTo(4);
    for (String text : texts) {
      assertThat(text)
          .doesNotContain(BEARER)
          .doesNotContain("sekret-signature")
          .doesNotContain(API_KEY)
          .doesNotContain(CUSTOM)
          .doesNotContain(PASSWORD)
          .doesNotContain(QUERY_TOKEN);
    }
    assertThat(Files.readString(out.resolve("results.json")))
        .contains("user:" + Redactor.MASK + "@127.0.0.1")
        .contains("token=" + Redactor.MASK + "&page=2");
  }

  @Test
  void sensitiveHeadersAreNotSentToTheHostARedirectLeadsTo() throws IOException {
    // Authorization alone makes HttpClient refuse a cross-host redirect; without it the redirect
    // is followed, and the other sensitive headers must stay behind.
    EndpointConfig noAuthorization =
        EndpointConfig.builder("redirect", "http://127.0.0.1:" + echo.getAddress().getPort() + "/away")
            .headers(Map.of("X-Api-Key", API_KEY, "X-Custom-Token", CUSTOM, "X-Trace", "visible"))
            .timeoutMs(3000L)
            .retries(0)
            .build();
    RunSpec redirecting =
        SpecParser.parse(RunConfig.builder().endpoints(List.of(noAuthorization)).secretHeaders(List.of("X-Custom-Token")).build());

    RunResult run = new Verifier(r -> {}).verify(redirecting, out);

    assertThat(run.checks().get(0).observed()).isEqualTo("200 OK");
    assertThat(seenByOtherHost).anyMatch(h -> h.equalsIgnoreCase("X-trace: visible"));
    assertThat(String.join("\n", seenByOtherHost))
        .doesNotContainIgnoringCase("x-api-key")
        .doesNotContainIgnoringCase("x-custom-token")
        .doesNotContain(API_KEY)
        .doesNotContain(CUSTOM);
  }
}
