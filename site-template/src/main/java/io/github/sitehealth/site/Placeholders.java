package io.github.sitehealth.site;

import io.github.sitehealth.core.result.AddressResult;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.CheckStatus;
import io.github.sitehealth.core.result.Finding;
import io.github.sitehealth.core.diagnose.Diagnosis;
import io.github.sitehealth.core.dns.DnsCheck;
import io.github.sitehealth.core.dns.DnsHostResolver;
import io.github.sitehealth.core.spec.ServerAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The placeholders a runbook may write in its commands, such as {@code curl -sI {{url}}}: the
 * status page fills them with a failing check's own values; a runbook page, which belongs to no
 * check, shows an example value marked as a placeholder.
 */
final class Placeholders {

  /**
   * One placeholder.
   *
   * @param name what goes between the braces
   * @param meaning what it stands for, in words
   * @param example what a runbook page shows in its place
   */
  record Placeholder(String name, String meaning, String example) {}

  /** Every placeholder, in the order the README lists them. */
  static final List<Placeholder> KNOWN = List.of(
      new Placeholder("url", "the check's URL", "https://www.example.com/"),
      new Placeholder("host", "the host name of the URL (of a DNS check: the record name;"
          + " of a TCP check: its host)", "www.example.com"),
      new Placeholder("port", "the port of the URL (443 or 80 when it names none), or of a TCP check",
          "443"),
      new Placeholder("address", "the IP address that failed, when the check probed its addresses",
          "203.0.113.10"),
      new Placeholder("origin", "the <origin> URL, when one is configured", "https://origin.example.com/"),
      new Placeholder("origin-host", "the host name of the <origin> URL", "origin.example.com"),
      new Placeholder("origin-port", "the port of the <origin> URL", "443"),
      new Placeholder("host-port", "{{host}}:{{port}}, an IPv6 address in brackets, as openssl"
          + " s_client -connect takes it", "www.example.com:443"),
      new Placeholder("address-port", "{{address}}:{{port}}, an IPv6 address in brackets",
          "203.0.113.10:443"),
      new Placeholder("origin-host-port", "{{origin-host}}:{{origin-port}}, an IPv6 address in"
          + " brackets", "origin.example.com:443"),
      new Placeholder("name", "the check's name", "home"),
      new Placeholder("resolver", "the IP address of the DNS resolver a DNS check asked (its"
          + " <resolver>, or the build machine's first resolver), or the <resolver> an HTTP or"
          + " TCP check's failed host lookup asked", "192.0.2.53"),
      new Placeholder("resolver-port", "the port of that resolver", "53"),
      new Placeholder("type", "the record type a DNS check asks for (A for an HTTP or TCP"
          + " check whose host did not resolve through its <resolver>)", "A"),
      new Placeholder("target", "the name a DNS check's CNAME chain ends at", "old-app.provider.example"));

  /** {@code {{name}}}: no spaces inside, so template syntax such as {@code {{ .Host }}} is left alone. */
  static final Pattern PATTERN = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9_-]*)\\}\\}");

  private static final Pattern SCHEME_AND_AUTHORITY =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");

  private static final Map<String, Placeholder> BY_NAME = new LinkedHashMap<>();

  static {
    KNOWN.forEach(p -> BY_NAME.put(p.name(), p));
  }

  private Placeholders() {}

  static Optional<Placeholder> known(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Whether the text uses at least one known placeholder. */
  static boolean uses(String text) {
    if (!mayHold(text)) {
      return false;
    }
    Matcher m = PATTERN.matcher(text);
    while (m.find()) {
      if (BY_NAME.containsKey(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A warning for each unknown placeholder in a Markdown file, naming the file, the line and the
   * closest known placeholder.
   *
   * @param what how the warning names the file, e.g. {@code team runbook shop.md}
   */
  static List<String> unknown(String markdown, String what) {
    List<String> warnings = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      if (!mayHold(lines.get(i))) {
        continue;
      }
      if (uses(lines.get(i))) {
        reparsing(lines.get(i)).ifPresent(word -> warnings.add(what + " line " + number
            + ": a placeholder goes to " + word + ", which hands its words to another shell: a"
            + " value is quoted for the first shell only, so one with shell characters in it"
            + " (& ; $ ' and the like) would run there. Pass it on in an environment variable"
            + " or as a separate argument (bash -c 'curl -sI \"$1\"' _ {{url}}) instead"));
      }
      Matcher m = PATTERN.matcher(lines.get(i));
      while (m.find()) {
        String name = m.group(1);
        if (BY_NAME.containsKey(name)) {
          continue;
        }
        warnings.add(what + " line " + (i + 1) + ": {{" + name + "}} is no placeholder"
            + closest(name).map(c -> " (did you mean {{" + c + "}}?)").orElse("")
            + "; it is shown as written. The placeholders are " + names()
            + " (see the README's Runbook placeholders)");
      }
    }
    return warnings;
  }

  /**
   * Commands that give their words, or a string, to another shell to parse again: {@code sh -c}
   * and its kin, {@code ssh} (the remote shell), {@code watch} and {@code eval} (their words
   * joined), {@code su -c}, {@code xargs} and {@code parallel}.
   */
  private static final Pattern REPARSING = Pattern.compile(
      "(?:^|[\\s;|&(`]|\\$\\()((?:ba|z|da|k)?sh\\s+(?:-\\w+\\s+)*-\\w*c\\b|ssh\\b|watch\\b|eval\\b"
          + "|su\\b[^|;&]*\\s-c\\b|xargs\\b|parallel\\b)");

  /** The command of the line that parses its words again, if any. */
  static Optional<String> reparsing(String line) {
    // a comment runs nothing
    Matcher m = REPARSING.matcher(line.replaceFirst("(^|\\s)#.*$", ""));
    return m.find() ? Optional.of(m.group(1).strip().split("\\s+")[0]) : Optional.empty();
  }

  /** The known placeholder closest to a misspelt one, when it is close enough to be a typo. */
  static Optional<String> closest(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : BY_NAME.keySet()) {
      int d = RunbookLibrary.editDistance(lower, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    boolean typo = bestDistance == 0
        || bestDistance <= Math.max(2, name.length() / 3) && bestDistance < name.length();
    return typo ? Optional.of(best) : Optional.empty();
  }

  private static String names() {
    return String.join(", ", BY_NAME.keySet().stream().map(n -> "{{" + n + "}}").toList());
  }

  /**
   * On a page that belongs to no check: each known placeholder in the text under the root becomes
   * a {@code <var>} showing its example value, titled with its name and meaning. Unknown ones stay
   * as written.
   */
  static void showExamples(Element root) {
    for (TextNode text : textNodes(root)) {
      if (!uses(text.getWholeText())) {
        continue;
      }
      List<Node> parts = new ArrayList<>();
      split(text.getWholeText(), (literal, placeholder) -> {
        if (placeholder == null) {
          parts.add(new TextNode(literal));
        } else {
          Element var = new Element("var").addClass("placeholder")
              .attr("title", "{{" + placeholder.name() + "}}: " + placeholder.meaning()
                  + "; the status page fills it in for each failing check")
              .text(placeholder.example());
          parts.add(var);
        }
      });
      for (Node part : parts) {
        text.before(part);
      }
      text.remove();
    }
  }

  /**
   * Writes a command with a check's values into the element, each filled value as a {@code
   * <var>}; a placeholder without a value for this check stays visible by its name, marked as
   * unknown. In a shell command each value is quoted for its place ({@link ShellWords}), so a URL
   * with {@code &}, {@code '} or {@code $(...)} in it runs nothing when the command is pasted.
   * Everything goes in as text, so a value with markup in it stays text.
   *
   * @return the placeholders the check has no value for
   */
  static List<String> fill(Element into, Runbook.Command command, Map<String, String> values) {
    List<String> missing = new ArrayList<>();
    ShellWords shell = command.shell() ? new ShellWords() : null;
    split(command.text(), (literal, placeholder) -> {
      if (placeholder == null) {
        into.appendText(literal);
        if (shell != null) {
          shell.advance(literal);
        }
      } else if (values.containsKey(placeholder.name())) {
        String value = values.get(placeholder.name());
        into.appendElement("var").addClass("filled")
            .text(shell == null ? value : ShellWords.quote(value, shell.context()));
      } else {
        into.appendElement("var").addClass("placeholder").addClass("unknown")
            .attr("title", placeholder.meaning() + ": not known for this check")
            .text("{{" + placeholder.name() + "}}");
        if (!missing.contains(placeholder.name())) {
          missing.add(placeholder.name());
        }
      }
    });
    return missing;
  }

  /** A check's values by placeholder name; a value the check does not know is absent. */
  static Map<String, String> values(CheckResult check) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", check.name());
    String target = check.target();
    switch (check.kind()) {
      case "dns" -> {
        String[] words = target.strip().split("\\s+");
        values.put("host", withoutRootDot(words[0]));
        if (words.length > 1) {
          values.put("type", words[1]);
        }
        dnsValues(check, values);
      }
      case "tcp" -> uri("tcp://" + target).ifPresent(u -> {
        putHost(values, "host", u);
        if (u.getPort() > 0) {
          values.put("port", Integer.toString(u.getPort()));
        }
      });
      default -> {
        values.put("url", target);
        // only the scheme and authority: a path may hold what a URI refuses, such as "<"
        Matcher m = SCHEME_AND_AUTHORITY.matcher(target);
        if (m.find()) {
          uri(m.group()).ifPresent(u -> {
            putHost(values, "host", u);
            port(u).ifPresent(p -> values.put("port", p));
          });
        }
      }
    }
    if (!check.kind().equals("dns")) {
      lookupResolver(check, values);
    }
    address(check).ifPresent(a -> values.put("address", a));
    origin(check).ifPresent(o -> {
      values.put("origin", o.toString());
      putHost(values, "origin-host", o);
      port(o).ifPresent(p -> values.put("origin-port", p));
    });
    hostPort(values, "host-port", values.get("host"), values.get("port"));
    hostPort(values, "address-port", values.get("address"), values.get("port"));
    hostPort(values, "origin-host-port", values.get("origin-host"), values.get("origin-port"));
    return values;
  }

  /** {@code host:port}, {@code [2001:db8::1]:443}: when both are known. */
  private static void hostPort(Map<String, String> values, String key, String host, String port) {
    if (host != null && port != null) {
      values.put(key, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }
  }

  /**
   * The resolver a DNS check asked and the name its CNAME chain ends at, from the evidence lines
   * the check writes ({@link DnsCheck#EVIDENCE_RESOLVER}, {@link DnsCheck#EVIDENCE_CHAIN}).
   */
  private static void dnsValues(CheckResult check, Map<String, String> values) {
    List<String> evidence = check.finding().map(Finding::evidence).orElse(List.of()).stream()
        .map(String::strip).toList();
    evidence.stream().filter(line -> line.startsWith(DnsCheck.EVIDENCE_RESOLVER)).findFirst()
        .map(line -> line.substring(DnsCheck.EVIDENCE_RESOLVER.length()))
        .map(list -> list.split(",")[0].replace(" (system)", "").strip())
        .flatMap(ServerAddress::parse)
        .ifPresent(a -> {
          values.put("resolver", a.ip());
          values.put("resolver-port", Integer.toString(a.port()));
        });
    evidence.stream().filter(line -> line.startsWith(DnsCheck.EVIDENCE_CHAIN))
        .reduce((first, second) -> second)
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .ifPresent(name -> values.put("target", withoutRootDot(name)));
  }

  /**
   * The resolver an HTTP or TCP check's failed host lookup asked (its {@code <resolver>}), from
   * the words the lookup failed with ({@link DnsHostResolver#AT_RESOLVER}); the type its
   * commands ask is then A.
   */
  private static void lookupResolver(CheckResult check, Map<String, String> values) {
    check.finding().stream().flatMap(f -> f.evidence().stream())
        .filter(line -> line.contains(DnsHostResolver.AT_RESOLVER))
        .map(line -> line.substring(line.indexOf(DnsHostResolver.AT_RESOLVER)
            + DnsHostResolver.AT_RESOLVER.length()).split("[\\s,;)]", 2)[0])
        .map(ServerAddress::parse).flatMap(Optional::stream).findFirst()
        .ifPresent(a -> {
          values.put("resolver", a.ip());
          values.put("resolver-port", Integer.toString(a.port()));
          values.put("type", "A");
        });
  }

  private static String withoutRootDot(String name) {
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  /** The first address that is DOWN, else DEGRADED, else the first address probed. */
  private static Optional<String> address(CheckResult check) {
    for (CheckStatus status : List.of(CheckStatus.DOWN, CheckStatus.DEGRADED, CheckStatus.UP)) {
      Optional<String> first = check.addresses().stream().filter(a -> a.status() == status)
          .map(AddressResult::address).findFirst();
      if (first.isPresent()) {
        return first;
      }
    }
    return Optional.empty();
  }

  /** The origin URL, from the evidence line the diagnosis writes about it ({@link Diagnosis#EVIDENCE_ORIGIN}). */
  private static Optional<URI> origin(CheckResult check) {
    // stripped: with <addresses>, the diagnosis of a failing address is indented under it
    return check.finding().stream().flatMap(f -> f.evidence().stream()).map(String::strip)
        .filter(line -> line.startsWith(Diagnosis.EVIDENCE_ORIGIN))
        .map(line -> line.substring(Diagnosis.EVIDENCE_ORIGIN.length()))
        .map(rest -> rest.startsWith("GET ") ? rest.substring(4) : rest)
        .map(rest -> rest.split(" ", 2)[0])
        .filter(url -> SCHEME_AND_AUTHORITY.matcher(url).find())
        .map(Placeholders::uri)
        .flatMap(Optional::stream)
        .filter(u -> "http".equals(u.getScheme()) || "https".equals(u.getScheme()))
        .findFirst();
  }

  private static void putHost(Map<String, String> values, String key, URI uri) {
    if (uri.getHost() != null) {
      String host = uri.getHost();
      values.put(key, host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
    }
  }

  private static Optional<String> port(URI uri) {
    if (uri.getPort() > 0) {
      return Optional.of(Integer.toString(uri.getPort()));
    }
    return switch (String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) {
      case "https" -> Optional.of("443");
      case "http" -> Optional.of("80");
      default -> Optional.empty();
    };
  }

  private static Optional<URI> uri(String text) {
    try {
      URI uri = new URI(text);
      return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the text has two opening braces at all: most lines and text nodes have none, and
   * looking for them is much cheaper than matching {@link #PATTERN}.
   */
  private static boolean mayHold(String text) {
    return text.indexOf("{{") >= 0;
  }

  /** Literal text and known placeholders, in order; an unknown placeholder is literal text. */
  private interface Parts {
    void accept(String literal, Placeholder placeholder);
  }

  private static void split(String text, Parts parts) {
    if (!mayHold(text)) {
      if (!text.isEmpty()) {
        parts.accept(text, null);
      }
      return;
    }
    Matcher m = PATTERN.matcher(text);
    int at = 0;
    while (m.find()) {
      Placeholder p = BY_NAME.get(m.group(1));
      if (p == null) {
        continue;
      }
      if (m.start() > at) {
        parts.accept(text.substring(at, m.start()), null);
      }
      parts.accept(null, p);
      at = m.end();
    }
    if (at < text.length()) {
      parts.accept(text.substring(at), null);
    }
  }

  private static List<TextNode> textNodes(Element root) {
    List<TextNode> nodes = new ArrayList<>();
    root.traverse((node, depth) -> {
      if (node instanceof TextNode t) {
        nodes.add(t);
      }
    });
    return nodes;
  }
}
