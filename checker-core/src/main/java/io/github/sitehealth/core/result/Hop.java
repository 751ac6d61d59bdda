package io.github.sitehealth.core.result;

import java.util.Locale;

/** The hop on the path from the user to the content that a diagnosis blames. */
public enum Hop {
  DNS,
  NETWORK,
  TLS,
  EDGE,
  ORIGIN;

  /** The name used in results.json and messages: {@code dns}, {@code edge}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Hop fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
