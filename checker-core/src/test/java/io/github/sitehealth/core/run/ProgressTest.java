package io.github.sitehealth.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sitehealth.core.http.HttpProbe;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.LoopbackHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void aLongRunReportsHowFarItIsAndNamesItsSlowestChecks() throws Exception {
    List<CheckListener.Progress> seen = new CopyOnWriteArrayList<>();
    RunResult run;
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      RunConfig config = RunConfig.builder().endpoints(List.of(
          EndpointConfig.of("quick", server.uri("/ok").toString()),
          EndpointConfig.of("slow", server.uri("/slow?ms=1500").toString()))).build();
      CheckListener listener = new CheckListener() {
        @Override
        public void checkFinished(CheckResult result) {}

        @Override
        public void progress(Progress progress) {
          seen.add(progress);
        }
      };
      // The slow check's server sleeps 1.5 s: at least one 50 ms interval passes before it ends.
      run = new CheckRunner(listener, HttpProbe.DEFAULT_BODY_CAP, Duration.ofMillis(50))
          .run(SpecParser.parse(config));
    }

    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(p -> {
      assertThat(p.total()).isEqualTo(2);
      assertThat(p.done()).isLessThanOrEqualTo(2);
    });
    assertThat(seen.get(0).done()).isLessThan(2);
    assertThat(run.slowest(1)).extracting(CheckResult::name).containsExactly("slow");
    assertThat(run.slowest(5)).extracting(CheckResult::name).containsExactly("slow", "quick");
  }
}
