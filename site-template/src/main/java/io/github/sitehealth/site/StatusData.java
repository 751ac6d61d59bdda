package io.github.sitehealth.site;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code status.json}: the page's summary for other tools (a dashboard, a chat bot, another
 * status page), written as a stream. Its shape, version 1:
 *
 * <pre>
 * {"schemaVersion": 1, "generatedAt": "2026-11-30T12:00:00Z",
 *  "status": "operational" | "degraded" | "outage" | "unknown",
 *  "run": {"startedAt": "...", "durationMs": 650},
 *  "counts": {"checks": 3, "up": 2, "degraded": 0, "down": 1},
 *  "checks": [{"name", "kind", "target", "status": "UP" | "DEGRADED" | "DOWN",
 *              "since": null | "...", "latencyMs", "code": null | "HTTP_502",
 *              "hop": null | "origin", "runbook": null | "runbooks/...html#..."}],
 *  "incidents": [{"title", "status", "ongoing", "started": null | "...",
 *                 "resolved": null | "...", "affects": [...]}]}
 * </pre>
 *
 * Fields are only ever added within a version; a change of meaning raises {@code schemaVersion}.
 */
final class StatusData {

  static final String FILE_NAME = "status.json";
  static final int SCHEMA_VERSION = 1;

  private StatusData() {}

  static void write(OutputStream out, RunResult run, CheckHistory history,
      List<Incident> incidents, RunbookLibrary library, Instant generatedAt) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("generatedAt", generatedAt.toString());
      g.writeStringField("status", OverallStatus.of(run).word());
      g.writeObjectFieldStart("run");
      g.writeStringField("startedAt", run.startedAt().toString());
      g.writeNumberField("durationMs", run.durationMs());
      g.writeEndObject();
      g.writeObjectFieldStart("counts");
      g.writeNumberField("checks", run.checks().size());
      g.writeNumberField("up", run.count(io.github.sitehealth.core.result.CheckStatus.UP));
      g.writeNumberField("degraded", run.count(io.github.sitehealth.core.result.CheckStatus.DEGRADED));
      g.writeNumberField("down", run.count(io.github.sitehealth.core.result.CheckStatus.DOWN));
      g.writeEndObject();
      g.writeArrayFieldStart("checks");
      for (CheckResult c : run.checks()) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("kind", c.kind());
        g.writeStringField("target", c.target());
        g.writeStringField("status", c.status().name());
        nullable(g, "since", StatusPage.since(c, history).map(Instant::toString));
        g.writeNumberField("latencyMs", c.latencyMs());
        Optional<Finding> f = c.finding();
        nullable(g, "code", f.map(x -> x.code().id()));
        nullable(g, "hop", f.map(x -> x.hop().id()));
        nullable(g, "runbook", f.map(x -> library.link(x.code(), x.hop())));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("incidents");
      for (Incident i : incidents) {
        g.writeStartObject();
        g.writeStringField("title", i.title());
        g.writeStringField("status", i.status());
        g.writeBooleanField("ongoing", i.ongoing());
        nullable(g, "started", i.started().map(Instant::toString));
        nullable(g, "resolved", i.resolved().map(Instant::toString));
        g.writeArrayFieldStart("affects");
        for (String a : i.affects()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void nullable(JsonGenerator g, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    } else {
      g.writeNullField(field);
    }
  }
}
