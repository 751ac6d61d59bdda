package io.github.sitehealth.bench;

import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.CheckListener;
import io.github.sitehealth.core.run.CheckRunner;
import io.github.sitehealth.core.sandbox.Sandbox;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.core.testing.Nginx;
import io.github.sitehealth.core.testing.RealServer;
import io.github.sitehealth.site.RunbookLibrary;
import io.github.sitehealth.site.SiteGenerator;
import io.github.sitehealth.site.SiteRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures what a user waits for: many HTTP checks against a real nginx on loopback, many DNS
 * checks, and the pages. Prints one table row per measurement (median of the rounds).
 */
public final class Bench {

  private static final int HTTP_CHECKS = 2_000;
  private static final int PORTS = 20;
  private static final int DNS_CHECKS = 2_000;
  private static final int PAGE_ROUNDS = 50;

  private final List<String[]> rows = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    new Bench().run(rounds);
  }

  private void run(int rounds) throws Exception {
    Path dir = Files.createTempDirectory("site-health-bench");
    RunResult http = http(rounds);
    dns(rounds);
    pages(rounds, http, dir);
    print();
  }

  /** 2,000 URLs answered after 100 ms each, over 20 ports of one nginx (cf. curl --parallel). */
  private RunResult http(int rounds) throws Exception {
    int[] ports = new int[PORTS];
    StringBuilder servers = new StringBuilder();
    for (int i = 0; i < PORTS; i++) {
      ports[i] = RealServer.freePort();
      servers.append("server { listen 127.0.0.1:").append(ports[i])
          .append("; location / { echo_sleep 0.1; echo ok; } }\n");
    }
    try (Nginx nginx = Nginx.start(servers.toString(), ports)) {
      List<EndpointConfig> endpoints = new ArrayList<>();
      for (int i = 0; i < HTTP_CHECKS; i++) {
        endpoints.add(EndpointConfig.builder("c" + i, "http://127.0.0.1:" + ports[i % PORTS] + "/p" + i)
            .retries(0)
            .build());
      }
      RunSpec spec = SpecParser.parse(RunConfig.builder()
          .endpoints(endpoints).concurrency(200).perHostConcurrency(10).build());
      long[] ms = new long[rounds];
      long[] heap = new long[rounds];
      RunResult last = null;
      for (int r = 0; r < rounds; r++) {
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        last = new CheckRunner(CheckListener.NONE).run(spec);
        ms[r] = (System.nanoTime() - start) / 1_000_000;
        heap[r] = peakHeapMb();
        check(last.count(CheckStatus.UP) == HTTP_CHECKS, "all HTTP checks UP: " + last.summaryLine());
      }
      row("HTTP checks, nginx answering after 100 ms", HTTP_CHECKS + " checks, 20 ports,"
          + " concurrency 200, 10 per host", median(ms) + " ms",
          String.format(Locale.ROOT, "%.0f checks/s; ideal 1000 ms", HTTP_CHECKS * 1000.0 / median(ms)),
          "peak heap " + median(heap) + " MB");
      return last;
    }
  }

  /** 2,000 DNS checks (distinct names) against the sandbox's authoritative server. */
  private void dns(int rounds) throws Exception {
    try (Sandbox sandbox = Sandbox.start()) {
      List<DnsRecordConfig> records = new ArrayList<>();
      for (int i = 0; i < DNS_CHECKS; i++) {
        records.add(DnsRecordConfig.of("n" + i + ".sandbox.test", "A"));
      }
      RunSpec spec = SpecParser.parse(RunConfig.builder()
          .dnsRecords(records).resolver(sandbox.dnsAddress()).concurrency(64).build());
      long[] ms = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        RunResult run = new CheckRunner(CheckListener.NONE).run(spec);
        ms[r] = (System.nanoTime() - start) / 1_000_000;
        check(run.count(CheckStatus.DOWN) == DNS_CHECKS, "every name NXDOMAIN: " + run.summaryLine());
      }
      row("DNS checks, loopback authoritative server", DNS_CHECKS + " names (NXDOMAIN), concurrency 64",
          median(ms) + " ms",
          String.format(Locale.ROOT, "%.0f checks/s", DNS_CHECKS * 1000.0 / median(ms)), "");
    }
  }

  private void pages(int rounds, RunResult run, Path dir) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < PAGE_ROUNDS; i++) {
      RunbookLibrary.load(Optional.empty());
    }
    int pages = RunbookLibrary.defaults().runbooks().size();
    double perPage = (System.nanoTime() - start) / 1e6 / (PAGE_ROUNDS * pages);
    row("Runbook rendering (Flexmark + Jsoup clean)", PAGE_ROUNDS + " x " + pages + " default pages",
        String.format(Locale.ROOT, "%.2f ms/page", perPage), "one thread, warm JVM", "");

    Path results = dir.resolve("results.json");
    new ResultsJson().write(run, results);
    long[] ms = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      Path out = dir.resolve("site-" + r);
      long s = System.nanoTime();
      new SiteGenerator().generate(SiteRequest.of(results, out));
      ms[r] = (System.nanoTime() - s) / 1_000_000;
    }
    row("Status page + runbooks + badges", run.checks().size() + " checks", median(ms) + " ms",
        Files.size(dir.resolve("site-0").resolve("index.html")) / 1024 + " KiB index.html", "");
  }

  private void row(String... cells) {
    rows.add(cells);
  }

  private void print() {
    System.out.println();
    System.out.println("| measurement | workload | median | rate | notes |");
    System.out.println("|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    System.out.println();
    System.out.println("Java " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, -Xmx"
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark precondition failed: " + what);
    }
  }
}
