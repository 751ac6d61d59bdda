package io.github.sitehealth.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sitehealth.core.result.Attempt;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import io.github.sitehealth.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns the tree of a {@code results.json} back into a {@link RunResult}; see {@link ResultsJson#read}. */
final class ResultsJsonReader {

  /** A field that is missing or has the wrong type; carries the JSON path for the message. */
  private static final class Invalid extends RuntimeException {
    Invalid(String path, String problem) {
      super(path + ": " + problem);
    }
  }

  private ResultsJsonReader() {}

  static RunResult read(JsonNode root, Path file) throws IOException {
    try {
      if (!root.isObject()) {
        throw new Invalid("$", "expected an object");
      }
      int version = integer(root, "schemaVersion", "$").intValue();
      if (version != ResultsJson.SCHEMA_VERSION) {
        throw new Invalid("$.schemaVersion", "unsupported version " + version
            + " (this version reads " + ResultsJson.SCHEMA_VERSION + ")");
      }
      List<CheckResult> checks = new ArrayList<>();
      JsonNode array = array(root, "checks", "$");
      for (int i = 0; i < array.size(); i++) {
        checks.add(check(array.get(i), "$.checks[" + i + "]"));
      }
      return new RunResult(instant(root, "startedAt", "$"), integer(root, "durationMs", "$"), checks);
    } catch (Invalid e) {
      throw new IOException(file + " is not a valid " + ResultsJson.FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  private static CheckResult check(JsonNode node, String path) {
    Optional<Finding> finding = Optional.empty();
    JsonNode f = node.get("finding");
    if (f != null && !f.isNull()) {
      finding = Optional.of(finding(f, path + ".finding"));
    }
    List<Attempt> attempts = new ArrayList<>();
    JsonNode array = array(node, "attempts", path);
    for (int i = 0; i < array.size(); i++) {
      attempts.add(attempt(array.get(i), path + ".attempts[" + i + "]"));
    }
    return new CheckResult(
        text(node, "name", path),
        text(node, "kind", path),
        text(node, "target", path),
        status(node, path),
        text(node, "observed", path),
        finding,
        attempts,
        instant(node, "startedAt", path),
        integer(node, "durationMs", path));
  }

  private static Finding finding(JsonNode node, String path) {
    String hop = text(node, "hop", path);
    if (Arrays.stream(Hop.values()).noneMatch(h -> h.id().equals(hop))) {
      throw new Invalid(path + ".hop", "expected one of dns, network, tls, edge, origin, was \"" + hop + "\"");
    }
    List<String> evidence = new ArrayList<>();
    JsonNode array = node.get("evidence");
    if (array != null && !array.isNull()) {
      if (!array.isArray()) {
        throw new Invalid(path + ".evidence", "expected an array");
      }
      for (int i = 0; i < array.size(); i++) {
        if (!array.get(i).isTextual()) {
          throw new Invalid(path + ".evidence[" + i + "]", "expected a string");
        }
        evidence.add(array.get(i).asText());
      }
    }
    String id = text(node, "code", path);
    FindingCode code;
    try {
      code = FindingCode.of(id);
    } catch (IllegalArgumentException e) {
      throw new Invalid(path + ".code", "expected a finding code, was \"" + id + "\"");
    }
    JsonNode originProbed = node.get("originProbed");
    if (originProbed != null && !originProbed.isBoolean()) {
      throw new Invalid(path + ".originProbed", "expected true or false");
    }
    return new Finding(
        code, Hop.fromId(hop), text(node, "summary", path), text(node, "runbook", path), evidence,
        originProbed != null && originProbed.booleanValue());
  }

  private static Attempt attempt(JsonNode node, String path) {
    JsonNode status = node.get("httpStatus");
    Optional<Integer> httpStatus = Optional.empty();
    if (status != null && !status.isNull()) {
      if (!status.canConvertToInt() || !status.isIntegralNumber()) {
        throw new Invalid(path + ".httpStatus", "expected an integer or null");
      }
      httpStatus = Optional.of(status.intValue());
    }
    JsonNode passed = node.get("passed");
    if (passed == null || !passed.isBoolean()) {
      throw new Invalid(path + ".passed", "expected true or false");
    }
    return new Attempt(
        integer(node, "number", path).intValue(),
        instant(node, "startedAt", path),
        integer(node, "durationMs", path),
        httpStatus,
        text(node, "outcome", path),
        passed.booleanValue());
  }

  private static CheckStatus status(JsonNode node, String path) {
    String value = text(node, "status", path);
    try {
      return CheckStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new Invalid(path + ".status", "expected one of UP, DEGRADED, DOWN, was \"" + value + "\"");
    }
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new Invalid(path + "." + field, value == null ? "missing" : "expected a string");
    }
    return value.asText();
  }

  private static Long integer(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new Invalid(path + "." + field, value == null ? "missing" : "expected an integer");
    }
    return value.longValue();
  }

  private static Instant instant(JsonNode node, String field, String path) {
    String value = text(node, field, path);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new Invalid(path + "." + field, "expected an ISO-8601 instant, was \"" + value + "\"");
    }
  }

  private static JsonNode array(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new Invalid(path + "." + field, value == null ? "missing" : "expected an array");
    }
    return value;
  }
}
