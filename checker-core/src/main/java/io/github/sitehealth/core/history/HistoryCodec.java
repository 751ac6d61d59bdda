package io.github.sitehealth.core.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sitehealth.core.history.HistoryEntry.CheckSample;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Hop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One history entry as one line of JSON, and back.
 *
 * <p>Lines are written in the compact form, {@code "v":2}: one array per field rather than one
 * object per check, about a quarter of the size of the first form.
 *
 * <pre>
 * {"v":2,"startedAt":"2025-03-01T00:00:00Z","durationMs":650,
 *  "names":["home","api"],"status":"UD","latencyMs":[40,120],
 *  "findings":[[1,"HTTP_502","edge"]]}
 * </pre>
 *
 * <p>{@code status} has one letter per check: {@code U} UP, {@code G} DEGRADED, {@code D} DOWN.
 * {@code findings} lists, for the checks that have a finding code or hop, {@code [index, code,
 * hop]} with {@code null} for what is absent. Lines of the first form, {@code "v":1} (an object per
 * check with {@code name}, {@code status}, {@code latencyMs}, {@code code}, {@code hop}), are read
 * as well.
 */
final class HistoryCodec {

  /** The form this codec writes. */
  static final int VERSION = 2;

  private static final byte[] CURRENT_PREFIX =
      ("{\"v\":" + VERSION + ",").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FIRST_FORM_PREFIX = "{\"v\":1,".getBytes(StandardCharsets.US_ASCII);

  /** Why a line is not a history entry. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message);
    }
  }

  /**
   * The check names met while reading one file, so that each is kept once however many runs name
   * it. Runs of one configuration name their checks in the same order, so a name is first compared
   * with the one at its index in the run before, without making a string of it.
   */
  static final class Names {
    private final Map<String, String> seen = new HashMap<>();
    private List<String> previous = List.of();
  }

  private final JsonFactory json = new JsonFactory();

  /**
   * Jackson's tree model, for lines of the first form only: a file of the current form is read
   * without loading Jackson's databind.
   */
  private static final class FirstForm {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * The entry as UTF-8 JSON on one line, without the line break.
   *
   * @throws IOException only if Jackson fails to write to memory
   */
  byte[] encode(HistoryEntry entry) throws IOException {
    List<CheckSample> checks = entry.checks();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * checks.size());
    // Jackson escapes line breaks inside strings, so the result is always a single line.
    try (JsonGenerator out = json.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeNumberField("v", VERSION);
      out.writeStringField("startedAt", entry.startedAt().toString());
      out.writeNumberField("durationMs", entry.durationMs());
      // Only when named: a line of a run without a vantage stays as it was before vantages existed.
      if (entry.vantage().isPresent()) {
        out.writeStringField("vantage", entry.vantage().get());
      }
      out.writeArrayFieldStart("names");
      for (CheckSample c : checks) {
        out.writeString(c.name());
      }
      out.writeEndArray();
      StringBuilder status = new StringBuilder(checks.size());
      for (CheckSample c : checks) {
        status.append(letter(c.status()));
      }
      out.writeStringField("status", status.toString());
      out.writeArrayFieldStart("latencyMs");
      for (CheckSample c : checks) {
        out.writeNumber(c.latencyMs());
      }
      out.writeEndArray();
      out.writeArrayFieldStart("findings");
      for (int i = 0; i < checks.size(); i++) {
        CheckSample c = checks.get(i);
        if (c.code().isPresent() || c.hop().isPresent()) {
          out.writeStartArray();
          out.writeNumber(i);
          out.writeString(c.code().orElse(null));
          out.writeString(c.hop().map(Hop::id).orElse(null));
          out.writeEndArray();
        }
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /** Whether the line is in the form {@link #encode} writes, judged by its first bytes only. */
  static boolean isCurrent(byte[] line) {
    return startsWith(line, 0, line.length, CURRENT_PREFIX);
  }

  /**
   * Whether the line at {@code content[start, end)} looks like one of the first form, as the store
   * wrote them, judged by its first bytes only.
   */
  static boolean isFirstForm(byte[] content, int start, int end) {
    return startsWith(content, start, end, FIRST_FORM_PREFIX);
  }

  private static boolean startsWith(byte[] content, int start, int end, byte[] prefix) {
    return end - start >= prefix.length
        && Arrays.equals(content, start, start + prefix.length, prefix, 0, prefix.length);
  }

  /** Decodes one whole line, either form. */
  HistoryEntry decode(byte[] line) throws BadLine {
    return decode(line, 0, line.length, new Names());
  }

  /**
   * Decodes the line at {@code content[offset, offset + length)}, either form.
   *
   * @param names the names met so far in the same file; the decoder adds the ones it meets
   * @throws BadLine when the bytes are not JSON, not an entry of a known form, or inconsistent
   */
  HistoryEntry decode(byte[] content, int offset, int length, Names names) throws BadLine {
    try (JsonParser in = json.createParser(content, offset, length)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("not a JSON object");
      }
      Compact line = new Compact();
      String version = null;
      boolean current = false;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case "v" -> {
            if (value.isNumeric() && in.getValueAsInt() == 1) {
              // The first form: decoded whole, as it always was.
              return decodeFirstForm(content, offset, length);
            }
            current = value == JsonToken.VALUE_NUMBER_INT
                && in.getNumberType() == JsonParser.NumberType.INT && in.getIntValue() == VERSION;
            version = value.isStructStart() ? "(not a number)"
                : value == JsonToken.VALUE_STRING ? "\"" + in.getText() + "\"" : in.getText();
            in.skipChildren();
          }
          case "startedAt" -> line.startedAt = value == JsonToken.VALUE_STRING ? in.getText() : null;
          case "durationMs" -> line.durationMs = wholeNumber(in, value, "durationMs");
          case "names" -> line.names = names(in, value, names);
          case "status" -> line.status = value == JsonToken.VALUE_STRING ? in.getText() : null;
          case "latencyMs" -> line.latencyMs = wholeNumbers(in, value, "latencyMs");
          case "findings" -> line.findings = findings(in, value);
          case "vantage" -> line.vantage =
              value == JsonToken.VALUE_STRING ? Optional.of(in.getText()) : Optional.empty();
          default -> in.skipChildren();
        }
      }
      if (!current) {
        throw new BadLine("unknown version " + (version == null ? "(none)" : version));
      }
      return line.entry();
    } catch (JsonProcessingException e) {
      throw new BadLine("not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new BadLine("unreadable (" + e.getMessage() + ")");
    }
  }

  /** The fields of a compact line, as they are met; checked once the object is closed. */
  private static final class Compact {
    String startedAt;
    Long durationMs;
    List<String> names;
    String status;
    long[] latencyMs;
    List<Object[]> findings = List.of();
    Optional<String> vantage = Optional.empty();

    HistoryEntry entry() throws BadLine {
      if (names == null) {
        throw new BadLine("\"names\" is not an array of strings");
      }
      if (status == null || status.length() != names.size()) {
        throw new BadLine("\"status\" is not a string of one letter per check");
      }
      if (latencyMs == null || latencyMs.length != names.size()) {
        throw new BadLine("\"latencyMs\" is not an array of one whole number per check");
      }
      if (durationMs == null) {
        throw new BadLine("\"durationMs\" is not a whole number");
      }
      Instant at = instant(startedAt);
      int n = names.size();
      String[] codes = new String[n];
      Hop[] hops = new Hop[n];
      boolean[] found = new boolean[n];
      for (Object[] f : findings) {
        int index = (Integer) f[0];
        if (index < 0 || index >= n) {
          throw new BadLine("a finding for check index " + index + " of " + n);
        }
        if (found[index]) {
          throw new BadLine("two findings for check \"" + names.get(index) + "\"");
        }
        found[index] = true;
        codes[index] = (String) f[1];
        hops[index] = hop(names.get(index), (String) f[2]);
      }
      List<CheckSample> samples = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        samples.add(new CheckSample(names.get(i), status(names.get(i), status.charAt(i)),
            latencyMs[i], Optional.ofNullable(codes[i]), Optional.ofNullable(hops[i])));
      }
      return new HistoryEntry(at, durationMs, samples, vantage);
    }
  }

  private static char letter(CheckStatus status) {
    return switch (status) {
      case UP -> 'U';
      case DEGRADED -> 'G';
      case DOWN -> 'D';
    };
  }

  private static CheckStatus status(String check, char letter) throws BadLine {
    return switch (letter) {
      case 'U' -> CheckStatus.UP;
      case 'G' -> CheckStatus.DEGRADED;
      case 'D' -> CheckStatus.DOWN;
      default -> throw new BadLine("check \"" + check + "\" has an unknown status '" + letter + "'");
    };
  }

  /** The hop of the id, or null for none. */
  private static Hop hop(String check, String id) throws BadLine {
    if (id == null) {
      return null;
    }
    try {
      return Hop.fromId(id);
    } catch (IllegalArgumentException e) {
      throw new BadLine("check \"" + check + "\" has an unknown hop \"" + id + "\"");
    }
  }

  private static long wholeNumber(JsonParser in, JsonToken value, String field)
      throws IOException, BadLine {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw new BadLine("\"" + field + "\" is not a whole number");
    }
    return in.getLongValue();
  }

  private static List<String> names(JsonParser in, JsonToken value, Names known)
      throws IOException, BadLine {
    if (value != JsonToken.START_ARRAY) {
      throw new BadLine("\"names\" is not an array of strings");
    }
    List<String> names = new ArrayList<>(known.previous.size());
    JsonToken t;
    while ((t = in.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new BadLine("\"names\" is not an array of strings");
      }
      int index = names.size();
      if (index < known.previous.size() && sameText(in, known.previous.get(index))) {
        names.add(known.previous.get(index));
      } else {
        String name = in.getText();
        String seen = known.seen.putIfAbsent(name, name);
        names.add(seen == null ? name : seen);
      }
    }
    known.previous = names;
    return names;
  }

  /** Whether the parser's current string is the given one, compared without copying it. */
  private static boolean sameText(JsonParser in, String text) throws IOException {
    int length = in.getTextLength();
    if (length != text.length()) {
      return false;
    }
    char[] chars = in.getTextCharacters();
    int offset = in.getTextOffset();
    for (int i = 0; i < length; i++) {
      if (chars[offset + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long[] wholeNumbers(JsonParser in, JsonToken value, String field)
      throws IOException, BadLine {
    if (value != JsonToken.START_ARRAY) {
      throw new BadLine("\"" + field + "\" is not an array of whole numbers");
    }
    long[] numbers = new long[16];
    int n = 0;
    JsonToken t;
    while ((t = in.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw new BadLine("\"" + field + "\" is not an array of whole numbers");
      }
      if (n == numbers.length) {
        numbers = Arrays.copyOf(numbers, n * 2);
      }
      numbers[n++] = in.getLongValue();
    }
    return Arrays.copyOf(numbers, n);
  }

  /** Each finding as {index (Integer), code (String or null), hop id (String or null)}. */
  private static List<Object[]> findings(JsonParser in, JsonToken value) throws IOException, BadLine {
    String shape = "\"findings\" is not an array of [index, code, hop]";
    if (value != JsonToken.START_ARRAY) {
      throw new BadLine(shape);
    }
    List<Object[]> findings = new ArrayList<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      if (in.currentToken() != JsonToken.START_ARRAY
          || in.nextToken() != JsonToken.VALUE_NUMBER_INT
          || in.getNumberType() != JsonParser.NumberType.INT) {
        throw new BadLine(shape);
      }
      Object[] finding = {in.getIntValue(), optionalText(in, shape), optionalText(in, shape)};
      if (in.nextToken() != JsonToken.END_ARRAY) {
        throw new BadLine(shape);
      }
      findings.add(finding);
    }
    return findings;
  }

  private static String optionalText(JsonParser in, String shape) throws IOException, BadLine {
    JsonToken t = in.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new BadLine(shape);
    }
    return in.getText();
  }

  private HistoryEntry decodeFirstForm(byte[] content, int offset, int length) throws BadLine {
    JsonNode root;
    try {
      root = FirstForm.MAPPER.readTree(content, offset, length);
    } catch (JsonProcessingException e) {
      throw new BadLine("not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new BadLine("unreadable (" + e.getMessage() + ")");
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
        instant(root.path("startedAt").asText()), number(root, "durationMs"), samples, vantage);
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

  private static Instant instant(String text) throws BadLine {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new BadLine("\"startedAt\" is not an ISO-8601 instant");
    }
  }
}
