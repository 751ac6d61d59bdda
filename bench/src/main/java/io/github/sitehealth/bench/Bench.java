package io.github.sitehealth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import io.github.sitehealth.core.report.ResultsJson;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.run.CheckListener;
import io.github.sitehealth.core.run.CheckRunner;
import io.github.sitehealth.core.spec.DnsRecordConfig;
import io.github.sitehealth.core.spec.EndpointConfig;
import io.github.sitehealth.core.spec.RunConfig;
import io.github.sitehealth.core.spec.RunSpec;
import io.github.sitehealth.core.spec.SpecParser;
import io.github.sitehealth.site.SiteGenerator;
import io.github.sitehealth.site.SiteRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The in-process parts of {@code bench/run}, one command each; every command prints its figures
 * on one line of standard output, for the script to read.
 *
 * <ul>
 *   <li>{@code dns RESOLVER NAMES ROUNDS}: A-record checks of every name in the file (one a line)
 *       against the resolver, in this JVM: the first round's time, the median of the following
 *       rounds, and the DNS checks in flight per resolver (the product's default).
 *   <li>{@code corpus SOURCE COUNT OUT}: writes COUNT Markdown pages of about 8 KB, made of the
 *       sections of the runbooks in SOURCE, with front matter both renderers read; prints the
 *       count and the average size in bytes.
 *   <li>{@code render PAGES OUT}: the status page of an empty run with PAGES as the team's
 *       runbooks, as {@code site-health:site} writes it.
 *   <li>{@code history SEED RUNS OUT}: a history of RUNS runs, each a copy of the first run of the
 *       history file SEED, an hour apart, newest last.
 *   <li>{@code duration RESULTS}: the run's {@code durationMs} in a {@code results.json}.
 *   <li>{@code http CURL_CONFIG PER_ROUTE PARALLEL}: GETs of the URLs of a curl config file by
 *       HttpClient 5 alone, the library the HTTP checks use, in this fresh JVM: PER_ROUTE
 *       connections to one host:port, PARALLEL requests in flight, each request on a connection of
 *       its own as a check's attempt; prints the seconds building and starting the client and the
 *       seconds of the requests. Every answer must be a 200.
 *   <li>{@code http-classic CURL_CONFIG PER_ROUTE PARALLEL}: the same by HttpClient 5's classic
 *       (blocking) API, PARALLEL threads each sending one request at a time; prints the same two
 *       figures.
 *   <li>{@code markdown PAGES OUT}: Flexmark alone, the library the runbooks are rendered with
 *       (its tables and YAML front matter extensions, heading ids, as the site's renderer), each
 *       Markdown file of PAGES to an HTML file in OUT, on every core: no sanitizing, no page
 *       template; prints the number of pages.
 *   <li>{@code checks CURL_CONFIG PER_ROUTE PARALLEL}: the same URLs as HTTP checks run by the
 *       checker core in this fresh JVM, without Maven; prints the run's seconds (as {@code
 *       results.json}'s {@code durationMs}). Every check must be UP.
 * </ul>
 */
public final class Bench {

  /** The size a corpus page reaches before its last section: pages come out at about 8 KB. */
  static final int PAGE_BYTES = 7_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEADING = Pattern.compile("#{1,6} \\S.*");
  private static final Pattern HEADING_ID = Pattern.compile("\\s*\\{#[^}]*\\}\\s*$");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw usage();
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "dns" -> dns(rest);
      case "corpus" -> corpus(rest);
      case "render" -> render(rest);
      case "history" -> history(rest);
      case "duration" -> duration(rest);
      case "http" -> http(rest);
      case "http-classic" -> httpClassic(rest);
      case "checks" -> checks(rest);
      case "markdown" -> markdown(rest);
      default -> throw usage();
    }
  }

  private static IllegalArgumentException usage() {
    return new IllegalArgumentException("usage: Bench dns RESOLVER NAMES ROUNDS | corpus SOURCE COUNT OUT"
        + " | render PAGES OUT | history SEED RUNS OUT | duration RESULTS"
        + " | http CURL_CONFIG PER_ROUTE PARALLEL | http-classic CURL_CONFIG PER_ROUTE PARALLEL"
        + " | checks CURL_CONFIG PER_ROUTE PARALLEL"
        + " | markdown PAGES OUT");
  }

  private static void args(String[] args, int count) {
    if (args.length != count) {
      throw usage();
    }
  }

  private static void dns(String[] args) throws IOException {
    args(args, 3);
    List<DnsRecordConfig> records = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      String name = line.strip().split("\\s+")[0];
      if (!name.isEmpty()) {
        records.add(DnsRecordConfig.of(name, "A"));
      }
    }
    int rounds = Integer.parseInt(args[2]);
    RunSpec spec = SpecParser.parse(RunConfig.builder().dnsRecords(records).resolver(args[0]).build());
    long first = 0;
    long[] ms = new long[rounds];
    for (int r = 0; r <= rounds; r++) {
      long start = System.nanoTime();
      RunResult run = new CheckRunner(CheckListener.NONE).run(spec);
      long took = (System.nanoTime() - start) / 1_000_000;
      if (run.count(CheckStatus.UP) != records.size()) {
        throw new IllegalStateException("not every DNS check is UP: " + run.summaryLine());
      }
      if (r == 0) {
        first = took;
      } else {
        ms[r - 1] = took;
      }
    }
    Arrays.sort(ms);
    System.out.println(first + " " + ms[rounds / 2] + " " + spec.perResolverConcurrency());
  }

  /** One section of a runbook: a {@code ## } heading and what follows up to the next one. */
  private static List<String> sections(Path source) throws IOException {
    List<String> sections = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(source)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
    for (Path file : files) {
      String body = Files.readString(file, StandardCharsets.UTF_8);
      if (body.startsWith("---")) {
        int end = body.indexOf("\n---", 3);
        body = end < 0 ? body : body.substring(body.indexOf('\n', end + 1) + 1);
      }
      StringBuilder section = new StringBuilder();
      boolean inFence = false;
      for (String line : body.split("\n", -1)) {
        if (line.startsWith("```")) {
          inFence = !inFence;
        }
        if (!inFence && line.startsWith("## ") && !section.isEmpty()) {
          sections.add(section.toString());
          section.setLength(0);
        }
        section.append(line).append('\n');
      }
      if (!section.toString().isBlank()) {
        sections.add(section.toString());
      }
    }
    if (sections.isEmpty()) {
      throw new IllegalStateException("no Markdown sections in " + source);
    }
    return sections;
  }

  private static void corpus(String[] args) throws IOException {
    args(args, 3);
    List<String> sections = sections(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    Path out = Files.createDirectories(Path.of(args[2]));
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      StringBuilder page = new StringBuilder()
          .append("---\n")
          .append("title: \"Runbook ").append(i + 1).append("\"\n")
          .append("summary: A page of the benchmark corpus, made of the default runbooks' sections.\n")
          .append("---\n\n");
      // Each page starts at another section, so no two pages are the same; a page never repeats
      // a section, so its heading ids stay unique.
      int next = (i * 7) % sections.size();
      int headings = 0;
      for (int taken = 0; page.length() < PAGE_BYTES && taken < sections.size(); taken++) {
        // Sections of different runbooks share heading names ("What it means"): numbered ids
        // keep every id of a page unique, as an author's page would be.
        boolean inFence = false;
        for (String line : sections.get(next).split("\n", -1)) {
          if (line.startsWith("```")) {
            inFence = !inFence;
          }
          if (!inFence && HEADING.matcher(line).matches()) {
            line = HEADING_ID.matcher(line).replaceFirst("") + " {#h" + ++headings + "}";
          }
          page.append(line).append('\n');
        }
        next = (next + 1) % sections.size();
      }
      byte[] content = page.toString().getBytes(StandardCharsets.UTF_8);
      bytes += content.length;
      Files.write(out.resolve(String.format(Locale.ROOT, "bench-%04d.md", i + 1)), content);
    }
    System.out.println(count + " " + bytes / count);
  }

  private static void render(String[] args) throws IOException {
    args(args, 2);
    Path pages = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path results = Files.createTempFile("site-health-bench-results", ".json");
    try {
      new ResultsJson().write(new RunResult(Instant.now(), 0, List.of()), results);
      var site = new SiteGenerator().generate(SiteRequest.of(results, out).withTeamRunbooks(pages));
      System.out.println(site.files().size() + " " + site.warnings().size());
    } finally {
      Files.deleteIfExists(results);
    }
  }

  private static void history(String[] args) throws IOException {
    args(args, 3);
    String seed;
    try (Stream<String> lines = Files.lines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      seed = lines.filter(l -> !l.isBlank()).findFirst()
          .orElseThrow(() -> new IllegalStateException(args[0] + " holds no run"));
    }
    JsonNode run = JSON.readTree(seed);
    if (!(run instanceof ObjectNode entry) || !run.path("startedAt").isTextual()) {
      throw new IllegalStateException("the first line of " + args[0]
          + " is not a JSON object with a startedAt instant: the history format changed");
    }
    int runs = Integer.parseInt(args[1]);
    Instant last = Instant.parse(run.path("startedAt").asText());
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      for (int i = runs - 1; i >= 0; i--) {
        entry.put("startedAt", last.minus(Duration.ofHours(i)).toString());
        out.write(JSON.writeValueAsString(entry));
        out.write('\n');
      }
    }
    System.out.println(runs + " " + Files.size(Path.of(args[2])));
  }

  private static void duration(String[] args) throws IOException {
    args(args, 1);
    JsonNode ms = JSON.readTree(Path.of(args[0]).toFile()).path("durationMs");
    if (!ms.canConvertToLong()) {
      throw new IllegalStateException(args[0] + " has no durationMs");
    }
    System.out.println(ms.asLong());
  }

  private static final Pattern CURL_URL = Pattern.compile("url = \"([^\"]+)\"");

  /** The URLs of a curl config file, in order. */
  /** The URLs of a curl config file, the connections per host:port and the requests in flight. */
  private record Load(List<String> urls, int perRoute, int parallel) {
    static Load of(String[] args) throws IOException {
      args(args, 3);
      return new Load(curlUrls(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }
  }

  /** Prints the seconds from start to started (the client) and from started to end (the requests). */
  private static void printSplit(long start, long started, long end) {
    System.out.printf(Locale.ROOT, "%.3f %.3f%n", (started - start) / 1e9, (end - started) / 1e9);
  }

  private static List<String> curlUrls(String config) throws IOException {
    List<String> urls = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(config), StandardCharsets.UTF_8)) {
      Matcher url = CURL_URL.matcher(line);
      if (url.matches()) {
        urls.add(url.group(1));
      }
    }
    return urls;
  }

  private static void markdown(String[] args) throws IOException {
    args(args, 2);
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), YamlFrontMatterExtension.create()));
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    Parser parser = Parser.builder(options).build();
    HtmlRenderer renderer = HtmlRenderer.builder(options).build();
    Path out = Files.createDirectories(Path.of(args[1]));
    List<Path> pages;
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      pages = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
    // toList(), not count(): count() may skip the map of a stream that knows its size
    int written = pages.parallelStream().map(page -> {
      try {
        String name = page.getFileName().toString().replaceFirst("\\.md$", ".html");
        String html = renderer.render(parser.parse(Files.readString(page)));
        return Files.writeString(out.resolve(name), html);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList().size();
    System.out.println(written);
  }

  private static void checks(String[] args) throws IOException {
    Load load = Load.of(args);
    List<EndpointConfig> endpoints = new ArrayList<>();
    for (String url : load.urls()) {
      endpoints.add(EndpointConfig.of("c" + endpoints.size(), url));
    }
    RunSpec spec = SpecParser.parse(RunConfig.builder().endpoints(endpoints)
        .perHostConcurrency(load.perRoute()).concurrency(load.parallel()).build());
    RunResult run = new CheckRunner(CheckListener.NONE).run(spec);
    if (run.count(CheckStatus.UP) != endpoints.size()) {
      throw new IllegalStateException("not every HTTP check is UP: " + run.summaryLine());
    }
    System.out.printf(Locale.ROOT, "%.3f%n", run.durationMs() / 1e3);
  }

  private static void http(String[] args) throws Exception {
    Load load = Load.of(args);
    List<String> urls = load.urls();
    int parallel = load.parallel();
    long start = System.nanoTime();
    try (CloseableHttpAsyncClient client = HttpAsyncClients.custom()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(load.perRoute())
            .setMaxConnTotal(parallel)
            .build())
        // a connection per request, as a check opens one per attempt (its connect is measured)
        .setConnectionReuseStrategy((request, response, context) -> false)
        .build()) {
      client.start();
      long started = System.nanoTime();
      Semaphore inFlight = new Semaphore(parallel);
      CountDownLatch done = new CountDownLatch(urls.size());
      AtomicInteger ok = new AtomicInteger();
      for (String url : urls) {
        if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no answer within 60 s");
        }
        client.execute(SimpleRequestBuilder.get(url).build(), new FutureCallback<>() {
          @Override
          public void completed(SimpleHttpResponse response) {
            if (response.getCode() == 200) {
              ok.incrementAndGet();
            }
            end();
          }

          @Override
          public void failed(Exception e) {
            end();
          }

          @Override
          public void cancelled() {
            end();
          }

          private void end() {
            inFlight.release();
            done.countDown();
          }
        });
      }
      if (!done.await(120, TimeUnit.SECONDS) || ok.get() != urls.size()) {
        throw new IllegalStateException(ok.get() + " of " + urls.size() + " URLs answered 200");
      }
      printSplit(start, started, System.nanoTime());
    }
  }

  private static void httpClassic(String[] args) throws Exception {
    Load load = Load.of(args);
    List<String> urls = load.urls();
    int parallel = load.parallel();
    long start = System.nanoTime();
    try (CloseableHttpClient client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(load.perRoute())
            .setMaxConnTotal(parallel)
            .build())
        // a connection per request, as a check opens one per attempt (its connect is measured)
        .setConnectionReuseStrategy((request, response, context) -> false)
        .build()) {
      long started = System.nanoTime();
      ExecutorService threads = Executors.newFixedThreadPool(parallel);
      AtomicInteger ok = new AtomicInteger();
      try {
        List<Future<?>> requests = new ArrayList<>();
        for (String url : urls) {
          requests.add(threads.submit(() -> client.execute(new HttpGet(url), response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode() == 200 ? ok.incrementAndGet() : 0;
          })));
        }
        for (Future<?> request : requests) {
          try {
            request.get(120, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            // counted as not answered below
          }
        }
      } finally {
        threads.shutdownNow();
      }
      if (ok.get() != urls.size()) {
        throw new IllegalStateException(ok.get() + " of " + urls.size() + " URLs answered 200");
      }
      printSplit(start, started, System.nanoTime());
    }
  }
}
