package io.github.sitehealth.core.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One history entry as one line of JSON, and back. */
final class HistoryCodec {

  static final int VERSION = 1;

  /** Why a line is not a history entry. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message);
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();

  /** The entry as UTF-8 JSON on one line, without the line break. */
  byte[] encode(HistoryEntry entry) throws IOException {
    ObjectNode root = mapper.createObjectNode();
    root.put("v", VERSION);
    root.put("startedAt", entry.startedAt().toString());
    root.put("durationMs", entry.durationMs());
    // Only when named: a line of a run without a vantage stays as it was before vantages existed.
    entry.vantage().ifPresent(v -> root.put("vantage", v));
    ArrayNode checks = root.putArray("checks");
    for (CheckSample c : entry.checks()) {
      ObjectNode node = checks.addObject();
      node.put("name", c.name());
      node.put("status", c.status().name());
      node.put("latencyMs", c.latencyMs());
      node.put("code", c.code().orElse(null));
      node.put("hop", c.hop().map(Hop::id).orElse(null));
    }
    // Jackson escapes line breaks inside strings, so the result is always a single line.
    return mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }

  HistoryEntry decode(byte[] line) throws BadLine {
    JsonNode root;
    try {
      root = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLine("not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new BadLine("unreadable (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new BadLine("not a JSON object");
    }
    if (root.path("v").asInt(-1) != VERSION) {
      throw new BadLine("unknown version " + root.path("v"));
    }
    JsonNode checks = root.path("checks");
    if (!checks.isArray()) {
      throw new BadLine("\"checks\" is not an array");
    }
    List<CheckSample> samples = new ArrayList<>();
    for (JsonNode c : checks) {
      samples.add(sample(c));
    }
    Optional<String> vantage =
        root.path("vantage").isTextual() ? Optional.of(root.path("vantage").asText()) : Optional.empty();
    return new HistoryEntry(
        instant(root.path("startedAt")), number(root, "durationMs"), samples, vantage);
  }

  private static CheckSample sample(JsonNode node) throws BadLine {
    JsonNode name = node.path("name");
    if (!name.isTextual()) {
      throw new BadLine("a check without a name");
    }
    CheckStatus status;
    try {
      status = CheckStatus.valueOf(node.path("status").asText());
    } catch (IllegalArgumentException e) {
      throw new BadLine("check \"" + name.asText() + "\" has an unknown status " + node.path("status"));
    }
    Optional<Hop> hop = Optional.empty();
    if (node.path("hop").isTextual()) {
      try {
        hop = Optional.of(Hop.fromId(node.path("hop").asText()));
      } catch (IllegalArgumentException e) {
        throw new BadLine("check \"" + name.asText() + "\" has an unknown hop " + node.path("hop"));
      }
    }
    Optional<String> code =
        node.path("code").isTextual() ? Optional.of(node.path("code").asText()) : Optional.empty();
    return new CheckSample(name.asText(), status, number(node, "latencyMs"), code, hop);
  }

  private static long number(JsonNode node, String field) throws BadLine {
    JsonNode value = node.path(field);
    if (!value.isIntegralNumber()) {
      throw new BadLine("\"" + field + "\" is not a whole number");
    }
    return value.asLong();
  }

  private static Instant instant(JsonNode node) throws BadLine {
    try {
      return Instant.parse(node.asText());
    } catch (RuntimeException e) {
      throw new BadLine("\"startedAt\" is not an ISO-8601 instant");
    }
  }
}
