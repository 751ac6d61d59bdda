package io.github.sitehealth.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
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

  /** Writes; its generators leave the stream open for {@link AtomicFiles} to close. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /**
   * Writes the run as {@code results.json}, indented as Jackson's default pretty printer does. The
   * file is written as a stream, check by check, with no tree of the whole run in memory.
   *
   * @throws IOException when the file cannot be written; the file is then as it was
   */
  public void write(RunResult run, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        write(run, g);
      }
    });
  }

  private static void write(RunResult run, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("schemaVersion", SCHEMA_VERSION);
    g.writeStringField("vantage", run.vantage().orElse(null));
    g.writeStringField("shard", run.shard().map(Shard::toString).orElse(null));
    g.writeStringField("startedAt", run.startedAt().toString());
    g.writeNumberField("durationMs", run.durationMs());
    g.writeObjectFieldStart("summary");
    g.writeNumberField("checks", run.checks().size());
    for (CheckStatus status : CheckStatus.values()) {
      g.writeNumberField(status.name(), run.count(status));
    }
    g.writeEndObject();
    g.writeArrayFieldStart("checks");
    for (CheckResult c : run.checks()) {
      check(c, g);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void check(CheckResult c, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("kind", c.kind());
    g.writeStringField("target", c.target());
    g.writeStringField("status", c.status().name());
    g.writeStringField("observed", c.observed());
    g.writeNumberField("latencyMs", c.latencyMs());
    g.writeNumberField("durationMs", c.durationMs());
    g.writeStringField("startedAt", c.startedAt().toString());
    g.writeFieldName("finding");
    if (c.finding().isPresent()) {
      finding(c.finding().get(), g);
    } else {
      g.writeNull();
    }
    g.writeArrayFieldStart("attempts");
    for (Attempt a : c.attempts()) {
      g.writeStartObject();
      g.writeNumberField("number", a.number());
      g.writeStringField("startedAt", a.startedAt().toString());
      g.writeNumberField("durationMs", a.durationMs());
      g.writeFieldName("httpStatus");
      if (a.status().isPresent()) {
        g.writeNumber(a.status().get());
      } else {
        g.writeNull();
      }
      g.writeStringField("outcome", a.outcome());
      g.writeBooleanField("passed", a.passed());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("addresses");
    for (AddressResult a : c.addresses()) {
      address(a, g);
    }
    g.writeEndArray();
    g.writeFieldName("sampling");
    if (c.sampling().isPresent()) {
      sampling(c.sampling().get(), g);
    } else {
      g.writeNull();
    }
    g.writeArrayFieldStart("vantages");
    for (VantageResult v : c.vantages()) {
      vantage(v, g);
    }
    g.writeEndArray();
    g.writeStringField("group", c.group().orElse(null));
    g.writeEndObject();
  }

  /**
   * {@code {"vantage", "status", "observed", "code", "hop", "latencyMs"}}: what one vantage saw of
   * a merged check; {@code code} and {@code hop} are null when it saw no finding.
   */
  private static void vantage(VantageResult v, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("vantage", v.vantage());
    g.writeStringField("status", v.status().name());
    g.writeStringField("observed", v.observed());
    g.writeStringField("code", v.code().map(FindingCode::id).orElse(null));
    g.writeStringField("hop", v.hop().map(Hop::id).orElse(null));
    g.writeNumberField("latencyMs", v.latencyMs());
    g.writeEndObject();
  }

  /**
   * {@code {"address", "status", "observed", "code", "hop", "latencyMs", "samples",
   * "failedSamples", "failureRate"}}; {@code code} and {@code hop} are null when the address
   * passed, {@code failureRate} is in percent (derived, not read back).
   */
  private static void address(AddressResult a, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", a.address());
    g.writeStringField("status", a.status().name());
    g.writeStringField("observed", a.observed());
    g.writeStringField("code", a.code().map(FindingCode::id).orElse(null));
    g.writeStringField("hop", a.hop().map(Hop::id).orElse(null));
    g.writeNumberField("latencyMs", a.latencyMs());
    g.writeNumberField("samples", a.samples());
    g.writeNumberField("failedSamples", a.failedSamples());
    g.writeNumberField("failureRate", a.failureRate());
    g.writeEndObject();
  }

  /**
   * {@code {"samples", "failed", "failureRate", "windowMs", "maxFailureRate", "failures": [...]}};
   * rates in percent, {@code failureRate} derived (not read back).
   */
  private static void sampling(Sampling s, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("samples", s.samples());
    g.writeNumberField("failed", s.failed());
    g.writeNumberField("failureRate", s.failureRate());
    g.writeNumberField("windowMs", s.windowMs());
    g.writeNumberField("maxFailureRate", s.maxFailureRate());
    g.writeArrayFieldStart("failures");
    for (Sample f : s.failures()) {
      g.writeStartObject();
      g.writeNumberField("sample", f.index());
      g.writeStringField("startedAt", f.startedAt().toString());
      g.writeNumberField("durationMs", f.durationMs());
      g.writeStringField("address", f.address().orElse(null));
      g.writeFieldName("status");
      if (f.status().isPresent()) {
        g.writeNumber(f.status().get());
      } else {
        g.writeNull();
      }
      g.writeStringField("code", f.code().id());
      g.writeStringField("observed", f.observed());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void finding(Finding f, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", f.code().id());
    g.writeStringField("hop", f.hop().id());
    g.writeStringField("summary", f.summary());
    g.writeStringField("runbook", f.runbook());
    g.writeBooleanField("originProbed", f.originProbed());
    g.writeArrayFieldStart("evidence");
    for (String line : f.evidence()) {
      g.writeString(line);
    }
    g.writeEndArray();
    g.writeEndObject();
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
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IOException(file + " is empty");
    }
    return ResultsJsonReader.read(root, file);
  }
}
