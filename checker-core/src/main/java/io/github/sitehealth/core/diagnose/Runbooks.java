package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.result.FindingCode;
import io.github.sitehealth.core.result.Hop;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each finding's runbook lives in the default library, relative to the output directory.
 * The sections themselves are a column of {@link FindingCode}; the default runbook library in
 * site-template has a page and an anchor for each.
 */
public final class Runbooks {

  public static final String DIRECTORY = "runbooks/";

  private Runbooks() {}

  /** Every code with a fixed page, as {@code page.html#anchor}; gateway codes depend on the hop. */
  public static Map<String, String> fixedLinks() {
    Map<String, String> links = new LinkedHashMap<>();
    FindingCode.known().forEach((id, code) -> {
      if (!code.sectionByHop()) {
        links.put(id, code.runbookSection(code.hop().orElse(Hop.ORIGIN)));
      }
    });
    return links;
  }

  /** The default library's link for a code blamed on {@code hop}. */
  public static String link(FindingCode code, Hop hop) {
    return DIRECTORY + code.runbookSection(hop);
  }

  /**
   * The default library's link for a code id blamed on {@code hop}.
   *
   * @throws IllegalArgumentException when the id is not a finding code
   */
  public static String link(String code, Hop hop) {
    return link(FindingCode.of(code), hop);
  }
}
