package io.github.sitehealth.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML front matter of a Markdown file, as simple keys with one or more string values.
 *
 * <p>Flexmark hands over the raw values; this undoes the two YAML spellings people actually use
 * in front matter and Flexmark leaves alone: quoted scalars ({@code title: "502: Bad gateway"})
 * and flow lists ({@code codes: [HTTP_502, HTTP_504]}).
 */
record FrontMatter(Map<String, List<String>> values) {

  FrontMatter {
    values = Map.copyOf(values);
  }

  static FrontMatter empty() {
    return new FrontMatter(Map.of());
  }

  static FrontMatter of(Map<String, List<String>> raw) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    raw.forEach((key, list) -> {
      List<String> out = new ArrayList<>();
      for (String value : list) {
        out.addAll(split(value.strip()));
      }
      values.put(key.strip().toLowerCase(Locale.ROOT), List.copyOf(out));
    });
    return new FrontMatter(values);
  }

  /** The first value of the key, when it has a non-blank one. */
  Optional<String> first(String key) {
    return list(key).stream().filter(v -> !v.isBlank()).findFirst();
  }

  /** Every value of the key; a missing key has none. */
  List<String> list(String key) {
    return values.getOrDefault(key, List.of());
  }

  private static List<String> split(String value) {
    if (value.length() >= 2 && value.startsWith("[") && value.endsWith("]")) {
      List<String> items = new ArrayList<>();
      for (String item : value.substring(1, value.length() - 1).split(",")) {
        String unquoted = unquote(item.strip());
        if (!unquoted.isEmpty()) {
          items.add(unquoted);
        }
      }
      return items;
    }
    return List.of(unquote(value));
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if (first == '"' && last == '"') {
        return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      if (first == '\'' && last == '\'') {
        return value.substring(1, value.length() - 1).replace("''", "'");
      }
    }
    return value;
  }
}
