package io.github.sitehealth.core.report;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the tree of a {@code results.json} back into a {@link RunResult}; see {@link ResultsJson#read}. */
final class ResultsJsonReader {

  /** A field that is missing or has the wrong type; carries the JSON path for the message. */
  private static final class Invalid extends RuntimeException {
    Invalid(String path, String problem) {
      super(path + ": " + problem);
    }
  }

  private static final Pattern VANTAGE = Pattern.compile("[A-Za-z0-9._-]+");

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
      // Both are absent from files written before runs were named and split.
      Optional<String> vantage = Optional.empty();
      if (!isNull(root, "vantage")) {
        vantage = Optional.of(vantageName(root, "vantage", "$"));
      }
      Optional<Shard> shard = Optional.empty();
      if (!isNull(root, "shard")) {
        String text = text(root, "shard", "$");
        try {
          shard = Optional.of(Shard.parse(text));
        } catch (IllegalArgumentException e) {
          throw new Invalid("$.shard", "expected K/N with 1 <= K <= N <= " + Shard.MAX_COUNT
              + ", was \"" + text + "\"");
        }
      }
      return new RunResult(instant(root, "startedAt", "$"), integer(root, "durationMs", "$"), checks,
          vantage, shard);
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
    // Both are absent from files written before checks probed addresses and sent samples.
    List<AddressResult> addresses = new ArrayList<>();
    JsonNode list = node.get("addresses");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new Invalid(path + ".addresses", "expected an array");
      }
      for (int i = 0; i < list.size(); i++) {
        addresses.add(address(object(list.get(i), path + ".addresses[" + i + "]"),
            path + ".addresses[" + i + "]"));
      }
    }
    Optional<Sampling> sampling = Optional.empty();
    JsonNode s = node.get("sampling");
    if (s != null && !s.isNull()) {
      sampling = Optional.of(sampling(object(s, path + ".sampling"), path + ".sampling"));
    }
    List<VantageResult> vantages = new ArrayList<>();
    JsonNode seen = node.get("vantages");
    if (seen != null && !seen.isNull()) {
      if (!seen.isArray()) {
        throw new Invalid(path + ".vantages", "expected an array");
      }
      for (int i = 0; i < seen.size(); i++) {
        String at = path + ".vantages[" + i + "]";
        vantages.add(vantage(object(seen.get(i), at), at));
      }
    }
    // Absent from files written before checks had groups.
    Optional<String> group = Optional.empty();
    JsonNode g = node.get("group");
    if (g != null && !g.isNull()) {
      if (!g.isTextual()) {
        throw new Invalid(path + ".group", "expected a string");
      }
      group = Optional.of(g.asText());
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
        integer(node, "durationMs", path),
        addresses,
        sampling,
        vantages,
        group);
  }

  private static VantageResult vantage(JsonNode node, String path) {
    return new VantageResult(
        vantageName(node, "vantage", path),
        status(node, path),
        text(node, "observed", path),
        isNull(node, "code") ? Optional.empty() : Optional.of(code(node, path)),
        isNull(node, "hop") ? Optional.empty() : Optional.of(hop(node, path)),
        integer(node, "latencyMs", path));
  }

  /** A vantage's name: {@code [A-Za-z0-9._-]+}, as the configuration allows. */
  private static String vantageName(JsonNode node, String field, String path) {
    String name = text(node, field, path);
    if (!VANTAGE.matcher(name).matches()) {
      throw new Invalid(path + "." + field, "expected a name of letters, digits, '.', '_' and '-',"
          + " was \"" + name + "\"");
    }
    return name;
  }

  private static AddressResult address(JsonNode node, String path) {
    int samples = count(node, "samples", path);
    int failed = count(node, "failedSamples", path);
    if (failed > samples) {
      throw new Invalid(path + ".failedSamples", "expected at most samples (" + samples + "), was "
          + failed);
    }
    return new AddressResult(
        text(node, "address", path),
        status(node, path),
        text(node, "observed", path),
        isNull(node, "code") ? Optional.empty() : Optional.of(code(node, path)),
        isNull(node, "hop") ? Optional.empty() : Optional.of(hop(node, path)),
        integer(node, "latencyMs", path),
        samples,
        failed);
  }

  private static Sampling sampling(JsonNode node, String path) {
    int samples = count(node, "samples", path);
    int failed = count(node, "failed", path);
    if (failed > samples) {
      throw new Invalid(path + ".failed",
          "expected at most samples (" + samples + "), was " + failed);
    }
    JsonNode rate = node.get("maxFailureRate");
    if (rate == null || !rate.isNumber()
        || !(rate.doubleValue() >= 0 && rate.doubleValue() <= 100)) {
      throw new Invalid(path + ".maxFailureRate",
          rate == null ? "missing" : "expected a percentage from 0 to 100");
    }
    List<Sample> failures = new ArrayList<>();
    JsonNode array = array(node, "failures", path);
    for (int i = 0; i < array.size(); i++) {
      String at = path + ".failures[" + i + "]";
      failures.add(sample(object(array.get(i), at), at));
    }
    return new Sampling(
        samples, failed, integer(node, "windowMs", path), rate.doubleValue(), failures);
  }

  private static Sample sample(JsonNode node, String path) {
    Optional<String> address = Optional.empty();
    if (!isNull(node, "address")) {
      address = Optional.of(text(node, "address", path));
    }
    return new Sample(
        count(node, "sample", path),
        instant(node, "startedAt", path),
        integer(node, "durationMs", path),
        address,
        optionalInteger(node, "status", path),
        code(node, path),
        text(node, "observed", path));
  }

  private static Finding finding(JsonNode node, String path) {
    Hop hop = hop(node, path);
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
    FindingCode code = code(node, path);
    JsonNode originProbed = node.get("originProbed");
    if (originProbed != null && !originProbed.isBoolean()) {
      throw new Invalid(path + ".originProbed", "expected true or false");
    }
    return new Finding(
        code, hop, text(node, "summary", path), text(node, "runbook", path), evidence,
        originProbed != null && originProbed.booleanValue());
  }

  private static Attempt attempt(JsonNode node, String path) {
    Optional<Integer> httpStatus = optionalInteger(node, "httpStatus", path);
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

  private static Hop hop(JsonNode node, String path) {
    String hop = text(node, "hop", path);
    if (Arrays.stream(Hop.values()).noneMatch(h -> h.id().equals(hop))) {
      throw new Invalid(path + ".hop", "expected one of dns, network, tls, edge, origin, was \"" + hop + "\"");
    }
    return Hop.fromId(hop);
  }

  private static FindingCode code(JsonNode node, String path) {
    String id = text(node, "code", path);
    try {
      return FindingCode.of(id);
    } catch (IllegalArgumentException e) {
      throw new Invalid(path + ".code", "expected a finding code, was \"" + id + "\"");
    }
  }

  /** Whether the field is missing or null. */
  private static boolean isNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull();
  }

  private static JsonNode object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new Invalid(path, "expected an object");
    }
    return node;
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

  /** A count: an integer from 0 to {@link Integer#MAX_VALUE}. */
  private static int count(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
        || value.intValue() < 0) {
      throw new Invalid(path + "." + field,
          value == null ? "missing" : "expected a count (an integer, 0 or more)");
    }
    return value.intValue();
  }

  private static Optional<Integer> optionalInteger(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new Invalid(path + "." + field, "expected an integer or null");
    }
    return Optional.of(value.intValue());
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
