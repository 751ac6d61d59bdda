package io.github.sitehealth.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Validates the {@code <dnsRecords>} and the run's {@code <resolver>} for {@link SpecParser}. */
final class DnsRecordParser {

  /** TTLs are 31-bit unsigned (RFC 2181, section 8). */
  private static final long MAX_TTL = 0x7fffffffL;

  private final List<ConfigProblem> problems;
  private final java.util.Map<DnsRecordConfig, String> checkNames = new java.util.IdentityHashMap<>();

  /**
   * @param problems where every problem found is added
   */
  DnsRecordParser(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /** The run-wide {@code <resolver>}; empty for the system's resolvers or when invalid. */
  Optional<ServerAddress> resolver(String text) {
    // Blank is none here: an empty -Dsite-health.resolver= means the system's resolvers.
    return text == null || text.isBlank() ? Optional.empty() : server("<resolver>", text, "");
  }

  /** Every valid record; the invalid ones are left out and their problems recorded. */
  List<DnsRecordSpec> records(List<DnsRecordConfig> configs) {
    return records(configs, java.util.Map.of());
  }

  /** @param sources where each config came from, for a {@code <checksFile>}'s entries */
  List<DnsRecordSpec> records(List<DnsRecordConfig> configs, java.util.Map<Object, String> sources) {
    List<DnsRecordSpec> specs = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    if (configs == null) {
      return specs;
    }
    for (int i = 0; i < configs.size(); i++) {
      int before = problems.size();
      DnsRecordSpec spec = record(configs.get(i), i + 1);
      ConfigProblem.attribute(problems, before, sources.get(configs.get(i)));
      if (spec == null) {
        continue;
      }
      if (!taken.add(spec.checkName())) {
        problem(
            "<dnsRecord><name>",
            spec.name(),
            "is checked more than once for type "
                + spec.type()
                + spec.resolver().map(r -> " at resolver " + r).orElse("")
                + "; merge the <expect> values into one <dnsRecord>");
      } else {
        specs.add(spec);
        checkNames.put(configs.get(i), spec.checkName());
      }
    }
    return specs;
  }

  /**
   * The check name of the spec made from this config by {@link #records}, e.g. {@code
   * www.example.com A}; null when it made none.
   */
  String checkName(DnsRecordConfig config) {
    return checkNames.get(config);
  }

  /** Returns null when the record has problems (they are recorded). */
  private DnsRecordSpec record(DnsRecordConfig c, int position) {
    int before = problems.size();
    String name = name(c.name(), position);
    String where =
        name == null ? " (dnsRecord #" + position + ")" : " (dnsRecord \"" + name + "\")";

    DnsType type = DnsRecordSpec.DEFAULT_TYPE;
    if (c.type() != null) {
      Optional<DnsType> parsed = DnsType.parse(c.type());
      if (parsed.isPresent()) {
        type = parsed.get();
      } else {
        problem(
            "<dnsRecord><type>",
            c.type(),
            "is not supported: use one of A, AAAA, CNAME, NS, MX, TXT, CAA, SOA" + where);
      }
    }

    List<String> expect = new ArrayList<>();
    if (c.expect() != null) {
      for (String value : c.expect()) {
        try {
          String normalized = type.normalize(value);
          if (!expect.contains(normalized)) {
            expect.add(normalized);
          }
        } catch (IllegalArgumentException e) {
          problem("<dnsRecord><expect>", String.valueOf(value), e.getMessage() + where);
        }
      }
    }

    DnsRecordSpec.Match match = DnsRecordSpec.Match.EXACT;
    if (c.match() != null) {
      switch (c.match().trim().toLowerCase(Locale.ROOT)) {
        case "exact" -> match = DnsRecordSpec.Match.EXACT;
        case "contains" -> match = DnsRecordSpec.Match.CONTAINS;
        default -> problem("<dnsRecord><match>", c.match(), "must be exact or contains" + where);
      }
    }

    Optional<Long> minTtl = ttl("<dnsRecord><minTtl>", c.minTtl(), where);
    Optional<Long> maxTtl = ttl("<dnsRecord><maxTtl>", c.maxTtl(), where);
    if (minTtl.isPresent() && maxTtl.isPresent() && minTtl.get() > maxTtl.get()) {
      problem(
          "<dnsRecord><minTtl>",
          String.valueOf(minTtl.get()),
          "is greater than <maxTtl> " + maxTtl.get() + where);
    }

    Optional<ServerAddress> resolver = server("<dnsRecord><resolver>", c.resolver(), where);

    boolean checkAuthoritative = Boolean.TRUE.equals(c.checkAuthoritative());
    List<ServerAddress> authoritative = new ArrayList<>();
    if (c.authoritativeServers() != null && !c.authoritativeServers().isEmpty()) {
      for (String text : c.authoritativeServers()) {
        server("<dnsRecord><authoritativeServers>", text, where).ifPresent(authoritative::add);
      }
      if (!checkAuthoritative) {
        problem(
            "<dnsRecord><authoritativeServers>",
            String.join(",", c.authoritativeServers()),
            "is only used with <checkAuthoritative>true</checkAuthoritative>" + where);
      }
    }

    Duration timeout = DnsRecordSpec.DEFAULT_TIMEOUT;
    if (c.timeoutMs() != null) {
      if (c.timeoutMs() <= 0 || c.timeoutMs() > Duration.ofMinutes(10).toMillis()) {
        problem(
            "<dnsRecord><timeoutMs>",
            String.valueOf(c.timeoutMs()),
            "must be between 1 and 600000 milliseconds" + where);
      } else {
        timeout = Duration.ofMillis(c.timeoutMs());
      }
    }

    if (problems.size() > before) {
      return null;
    }
    return new DnsRecordSpec(
        name,
        type,
        expect,
        match,
        minTtl,
        maxTtl,
        resolver,
        checkAuthoritative,
        authoritative,
        timeout);
  }

  /** The absolute, lower-case name; null (with a problem recorded) when invalid. */
  private String name(String text, int position) {
    if (text == null || text.isBlank()) {
      problem(
          "<dnsRecord><name>", String.valueOf(text), "is missing (dnsRecord #" + position + ")");
      return null;
    }
    String trimmed = text.trim();
    try {
      if (trimmed.chars().anyMatch(ch -> ch <= ' ' || ch >= 0x7f)) {
        throw new TextParseException(
            "contains a space or a non-ASCII character; write IDNs in xn-- form");
      }
      return Name.fromString(trimmed, Name.root).toString().toLowerCase(Locale.ROOT);
    } catch (TextParseException e) {
      problem(
          "<dnsRecord><name>",
          trimmed,
          "is not a valid DNS name (" + e.getMessage() + ") (dnsRecord #" + position + ")");
      return null;
    }
  }

  private Optional<Long> ttl(String element, Long value, String where) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < 0 || value > MAX_TTL) {
      problem(
          element, String.valueOf(value), "must be between 0 and " + MAX_TTL + " seconds" + where);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private Optional<ServerAddress> server(String element, String text, String where) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.isBlank()) {
      problems.add(ConfigProblem.blank(element, text, where));
      return Optional.empty();
    }
    Optional<ServerAddress> parsed = ServerAddress.parse(text);
    if (parsed.isEmpty()) {
      problem(element, text.trim(), "is not " + ServerAddress.FORMS + where);
    }
    return parsed;
  }

  private void problem(String element, String value, String reason) {
    problems.add(new ConfigProblem(element, value, reason));
  }
}
