package io.github.sitehealth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe keeps no cookies and answers no authentication challenge of its own (RFC 9110 section
 * 11.6.1; RFC 6265): a 401 is the answer, a cookie a redirect sets is not sent on. Credentials in
 * the URL are still sent as Basic authorization (RFC 7617). Real nginx answers: auth_basic for the
 * challenge, a redirect with Set-Cookie, and a page that shows the Cookie field it got.
 */
class ChallengesAndCookiesTest {

  private static final Duration BUDGET = Duration.ofSeconds(5);

  @TempDir static Path dir;

  private static Nginx nginx;
  private static HttpProbe probe;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Nginx.require();
    Path users = Files.writeString(dir.resolve("htpasswd"), "ops:{PLAIN}s3cret\n");
    port = RealServer.freePort();
    nginx = Nginx.start(String.join("\n",
        "server {",
        "  listen 127.0.0.1:" + port + ";",
        "  location = /private {",
        "    auth_basic \"site\";",
        "    auth_basic_user_file " + users + ";",
        // content phase, after auth_basic's access phase (a return would answer before it)
        "    echo \"inside\";",
        "  }",
        "  location = /login {",
        "    add_header Set-Cookie \"session=abc; Path=/\" always;",
        "    return 302 /whoami;",
        "  }",
        "  location = /whoami { return 200 \"cookie=[$http_cookie]\\n\"; }",
        "}"), port);
    probe = new HttpProbe(4, 4, HttpProbe.DEFAULT_BODY_CAP);
  }

  @AfterAll
  static void stop() throws Exception {
    if (probe != null) {
      probe.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  private static HttpSnapshot fetch(String url) {
    ProbeOutcome outcome = probe.fetch(URI.create(url), Map.of(), BUDGET);
    assertThat(outcome.error()).as(url).isEmpty();
    return outcome.response().orElseThrow();
  }

  @Test
  void aBasicChallengeIsTheAnswer() {
    HttpSnapshot r = fetch("http://127.0.0.1:" + port + "/private");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.field("www-authenticate")).contains("Basic realm=\"site\"");
  }

  @Test
  void credentialsInTheUrlAreStillSentAsBasicAuthorization() {
    assertThat(fetch("http://ops:s3cret@127.0.0.1:" + port + "/private").status()).isEqualTo(200);
    assertThat(fetch("http://ops:wrong@127.0.0.1:" + port + "/private").status()).isEqualTo(401);
  }

  @Test
  void aCookieSetByARedirectIsNotSentOn() {
    HttpSnapshot r = fetch("http://127.0.0.1:" + port + "/login");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("cookie=[]\n");
  }
}
