package io.github.sitehealth.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import io.github.sitehealth.core.result.Sample;
import io.github.sitehealth.core.result.Sampling;
import io.github.sitehealth.core.result.Shard;
import io.github.sitehealth.core.result.VantageResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@code results.json}, the machine-readable result of a run (schema version 1). */
public final class ResultsJson {

  public static final String FILE_NAME = "results.json";
  public static final int SCHEMA_VERSION = 1;

  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(RunResult run, Path file) throws IOException {
    ObjectNode root = toJson(run);
    AtomicFiles.write(file, out -> mapper.writeValue(out, root));
  }

  public ObjectNode toJson(RunResult run) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("vantage", run.vantage().orElse(null));
    root.put("shard", run.shard().map(Shard::toString).orElse(null));
    root.put("startedAt", run.startedAt().toString());
    root.put("durationMs", run.durationMs());
    ObjectNode summary = root.putObject("summary");
    summary.put("checks", run.checks().size());
    for (var status : io.github.sitehealth.core.result.CheckStatus.values()) {
      summary.put(status.name(), run.count(status));
    }
    ArrayNode checks = root.putArray("checks");
    for (CheckResult c : run.checks()) {
      checks.add(check(c));
    }
    return root;
  }

  private ObjectNode check(CheckResult c) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", c.name());
    node.put("kind", c.kind());
    node.put("target", c.target());
    node.put("status", c.status().name());
    node.put("observed", c.observed());
    node.put("latencyMs", c.latencyMs());
    node.put("durationMs", c.durationMs());
    node.put("startedAt", c.startedAt().toString());
    if (c.finding().isPresent()) {
      node.set("finding", finding(c.finding().get()));
    } else {
      node.putNull("finding");
    }
    ArrayNode attempts = node.putArray("attempts");
    for (Attempt a : c.attempts()) {
      ObjectNode an = attempts.addObject();
      an.put("number", a.number());
      an.put("startedAt", a.startedAt().toString());
      an.put("durationMs", a.durationMs());
      if (a.status().isPresent()) {
        an.put("httpStatus", a.status().get());
      } else {
        an.putNull("httpStatus");
      }
      an.put("outcome", a.outcome());
      an.put("passed", a.passed());
    }
    ArrayNode addresses = node.putArray("addresses");
    c.addresses().forEach(a -> addresses.add(address(a)));
    if (c.sampling().isPresent()) {
      node.set("sampling", sampling(c.sampling().get()));
    } else {
      node.putNull("sampling");
    }
    ArrayNode vantages = node.putArray("vantages");
    c.vantages().forEach(v -> vantages.add(vantage(v)));
    if (c.group().isPresent()) {
      node.put("group", c.group().get());
    } else {
      node.putNull("group");
    }
    return node;
  }

  /**
   * {@code {"vantage", "status", "observed", "code", "hop", "latencyMs"}}: what one vantage saw of
   * a merged check; {@code code} and {@code hop} are null when it saw no finding.
   */
  private ObjectNode vantage(VantageResult v) {
    ObjectNode node = mapper.createObjectNode();
    node.put("vantage", v.vantage());
    node.put("status", v.status().name());
    node.put("observed", v.observed());
    node.put("code", v.code().map(FindingCode::id).orElse(null));
    node.put("hop", v.hop().map(Hop::id).orElse(null));
    node.put("latencyMs", v.latencyMs());
    return node;
  }

  /**
   * {@code {"address", "status", "observed", "code", "hop", "latencyMs", "samples",
   * "failedSamples", "failureRate"}}; {@code code} and {@code hop} are null when the address
   * passed, {@code failureRate} is in percent (derived, not read back).
   */
  private ObjectNode address(AddressResult a) {
    ObjectNode node = mapper.createObjectNode();
    node.put("address", a.address());
    node.put("status", a.status().name());
    node.put("observed", a.observed());
    if (a.code().isPresent()) {
      node.put("code", a.code().get().id());
    } else {
      node.putNull("code");
    }
    if (a.hop().isPresent()) {
      node.put("hop", a.hop().get().id());
    } else {
      node.putNull("hop");
    }
    node.put("latencyMs", a.latencyMs());
    node.put("samples", a.samples());
    node.put("failedSamples", a.failedSamples());
    node.put("failureRate", a.failureRate());
    return node;
  }

  /**
   * {@code {"samples", "failed", "failureRate", "windowMs", "maxFailureRate", "failures": [...]}};
   * rates in percent, {@code failureRate} derived (not read back).
   */
  private ObjectNode sampling(Sampling s) {
    ObjectNode node = mapper.createObjectNode();
    node.put("samples", s.samples());
    node.put("failed", s.failed());
    node.put("failureRate", s.failureRate());
    node.put("windowMs", s.windowMs());
    node.put("maxFailureRate", s.maxFailureRate());
    ArrayNode failures = node.putArray("failures");
    for (Sample f : s.failures()) {
      ObjectNode fn = failures.addObject();
      fn.put("sample", f.index());
      fn.put("startedAt", f.startedAt().toString());
      fn.put("durationMs", f.durationMs());
      if (f.address().isPresent()) {
        fn.put("address", f.address().get());
      } else {
        fn.putNull("address");
      }
      if (f.status().isPresent()) {
        fn.put("status", f.status().get());
      } else {
        fn.putNull("status");
      }
      fn.put("code", f.code().id());
      fn.put("observed", f.observed());
    }
    return node;
  }

  private ObjectNode finding(Finding f) {
    ObjectNode node = mapper.createObjectNode();
    node.put("code", f.code().id());
    node.put("hop", f.hop().id());
    node.put("summary", f.summary());
    node.put("runbook", f.runbook());
    node.put("originProbed", f.originProbed());
    ArrayNode evidence = node.putArray("evidence");
    f.evidence().forEach(evidence::add);
    return node;
  }

  /**
   * Reads a {@code results.json} back. The derived fields ({@code summary}, {@code latencyMs},
   * {@code failureRate}) are ignored; unknown fields are allowed so newer writers stay readable,
   * a check without {@code addresses}, {@code sampling} or {@code vantages} (written before they
   * existed) reads as one without per-address results, samples or vantages, and a run without
   * {@code vantage} or {@code shard} as one without them.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws IOException when it is not valid JSON or not a schema version 1 result; the message
   *     names the file and the JSON path of the first bad field
   */
  public RunResult read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = mapper.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IOException(file + " is empty");
    }
    return ResultsJsonReader.read(root, file);
  }
}
