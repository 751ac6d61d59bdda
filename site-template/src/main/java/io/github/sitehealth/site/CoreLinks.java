package io.github.sitehealth.site;

import io.github.sitehealth.core.diagnose.Runbooks;
import io.github.sitehealth.core.result.Hop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every runbook link checker-core can put into a finding, so the library can check its pages. */
final class CoreLinks {

  /**
   * One link.
   *
   * @param code the finding code
   * @param hop the hop, for codes whose section depends on it
   * @param link {@code runbooks/page.html#anchor}
   */
  record CoreLink(String code, Optional<Hop> hop, String link) {

    String pageName() {
      int hash = link.indexOf('#');
      return link.substring(Runbooks.DIRECTORY.length(), hash < 0 ? link.length() : hash);
    }

    Optional<String> anchor() {
      int hash = link.indexOf('#');
      return hash < 0 ? Optional.empty() : Optional.of(link.substring(hash + 1));
    }
  }

  /** Codes whose page or section depends on the hop; HTTP_404 and HTTP_500 stand for the rest. */
  static final List<String> BY_HOP = List.of("HTTP_502", "HTTP_503", "HTTP_504", "READ_TIMEOUT");
  static final List<String> GENERIC = List.of("HTTP_404", "HTTP_500");

  private CoreLinks() {}

  static List<CoreLink> all() {
    List<CoreLink> links = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(Runbooks.fixedLinks()).entrySet()) {
      links.add(new CoreLink(e.getKey(), Optional.empty(), Runbooks.DIRECTORY + e.getValue()));
    }
    for (String code : BY_HOP) {
      for (Hop hop : List.of(Hop.ORIGIN, Hop.EDGE)) {
        links.add(new CoreLink(code, Optional.of(hop), Runbooks.link(code, hop)));
      }
    }
    for (String code : GENERIC) {
      links.add(new CoreLink(code, Optional.of(Hop.ORIGIN), Runbooks.link(code, Hop.ORIGIN)));
    }
    return links;
  }
}
