package io.github.sitehealth.core.spec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code <checksFile>}: endpoints, DNS records and TCP checks in a YAML or JSON file, for more
 * checks than a pom should hold. Its top level has the pom's element names:
 *
 * <pre>
 * endpoints:
 *   - name: home
 *     url: https://www.example.com/
 *     expectStatus: 200-399
 * dnsRecords:
 *   - name: www.example.com
 *     type: CNAME
 *     expect: [d111111abcdef8.cloudfront.net.]
 * tcpChecks:
 *   - name: ssh
 *     address: bastion.example.com:22
 * </pre>
 *
 * Each entry takes the fields its pom element takes, read by Jackson onto the same config classes,
 * and is validated like one from the pom; every problem names the file and the line of its entry.
 */
public final class ChecksFile {

  /**
   * What the file holds.
   *
   * @param sources for each config read (by identity), {@code checks.yaml line 12}: where its
   *     entry starts
   */
  public record Loaded(
      List<EndpointConfig> endpoints,
      List<DnsRecordConfig> dnsRecords,
      List<TcpCheckConfig> tcpChecks,
      Map<Object, String> sources) {}

  private final Path file;
  private final List<ConfigProblem> problems;
  private final Map<Object, String> sources = new IdentityHashMap<>();
  /** The element whose entries are being read: {@code endpoint}, {@code dnsRecord}, ... */
  private String reading = "";

  private ChecksFile(Path file, List<ConfigProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Reads the file; what cannot be read is added to {@code problems}, naming the file and line.
   *
   * @param file a {@code .yaml}, {@code .yml} or {@code .json} file
   */
  static Loaded read(Path file, List<ConfigProblem> problems) {
    return new ChecksFile(file, problems).read();
  }

  private Loaded read() {
    List<EndpointConfig> endpoints = new ArrayList<>();
    List<DnsRecordConfig> dnsRecords = new ArrayList<>();
    List<TcpCheckConfig> tcpChecks = new ArrayList<>();
    Loaded loaded = new Loaded(endpoints, dnsRecords, tcpChecks, sources);
    String name = file.getFileName() == null ? file.toString()
        : file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = name.endsWith(".json");
    if (!json && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
      problem("must be a .yaml, .yml or .json file");
      return loaded;
    }
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    // The config classes are what the build tool fills in by field: so is the file.
    mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
    mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    // As strict as the pom: 1.5 is no count, and a key written twice is a mistake (YAML 1.2
    // §3.2.1.1: keys are unique), not "the last one wins".
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (JsonParser p = mapper.createParser(Files.newBufferedReader(file))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return loaded;
      }
      if (first != JsonToken.START_OBJECT) {
        problem("line " + line(p) + ": the top level must be a map of endpoints, dnsRecords and"
            + " tcpChecks");
        return loaded;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = line(p);
        p.nextToken();
        switch (key) {
          case "endpoints" -> list(p, mapper, EndpointConfig.class, "endpoint", endpoints);
          case "dnsRecords" -> list(p, mapper, DnsRecordConfig.class, "dnsRecord", dnsRecords);
          case "tcpChecks" -> list(p, mapper, TcpCheckConfig.class, "tcpCheck", tcpChecks);
          default -> {
            problem("line " + keyLine + ": unknown element <" + key + ">; the file holds"
                + " endpoints, dnsRecords and tcpChecks");
            p.skipChildren();
          }
        }
      }
    } catch (NoSuchFileException e) {
      problem("is not readable: no such file");
    } catch (UnrecognizedPropertyException e) {
      problem("line " + e.getLocation().getLineNr() + ": unknown element <" + element(e) + "><"
          + e.getPropertyName() + ">");
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      // A value of the wrong shape (a list where a map or a number belongs): name the element.
      problem("line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
          + path(reading, e) + " is not " + expected(e.getTargetType()) + "; the rest of the file is"
          + " not read");
    } catch (JsonProcessingException e) {
      problem("line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      problem("is not readable: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    return loaded;
  }

  private <T> void list(JsonParser p, ObjectMapper mapper, Class<T> type, String element,
      List<T> into) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new com.fasterxml.jackson.core.JsonParseException(p,
          "a list of " + element + " entries is expected here");
    }
    reading = element;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      int line = line(p);
      T config = mapper.readValue(p, type);
      if (config == null) {
        problem("line " + line + ": an empty " + element + " entry");
        continue;
      }
      sources.put(config, file.getFileName() + " line " + line);
      into.add(config);
    }
  }

  /** {@code <endpoint><expectHeaders>}: the element a value belongs to, from Jackson's path. */
  private static String path(String entry, com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder sb = new StringBuilder(entry.isEmpty() ? "" : "<" + entry + ">");
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append('<').append(r.getFieldName()).append('>');
      }
    }
    return sb.length() == 0 ? "the value" : sb.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of the expected kind";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a map of names to values";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a single value";
    }
    return "an entry of the expected fields";
  }

  private static String element(UnrecognizedPropertyException e) {
    Class<?> type = e.getReferringClass();
    if (type == EndpointConfig.class) {
      return "endpoint";
    }
    if (type == DnsRecordConfig.class) {
      return "dnsRecord";
    }
    return type == TcpCheckConfig.class ? "tcpCheck" : type.getSimpleName();
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private void problem(String reason) {
    problems.add(new ConfigProblem("<checksFile>", file.toString(), reason));
  }
}
