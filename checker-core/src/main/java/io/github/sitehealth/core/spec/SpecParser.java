package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.check.CheckSpec;
import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import io.github.sitehealth.core.result.CheckResult;
import io.github.sitehealth.core.result.Shard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns what the user configured into validated specs. Every problem is collected, so one run of
 * the build shows all of them, each naming its element and value.
 */
public final class SpecParser {

  /** A check name: {@code [A-Za-z0-9._-]+}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  static final int MAX_GROUP_LENGTH = 64;
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");

  private final List<ConfigProblem> problems = new ArrayList<>();
  private boolean allowMetadataTargets;

  private SpecParser() {}

  /**
   * Validates the whole run.
   *
   * @throws InvalidConfigException listing every problem found
   */
  public static RunSpec parse(RunConfig config) {
    SpecParser parser = new SpecParser();
    RunSpec spec = parser.run(config);
    if (!parser.problems.isEmpty()) {
      throw new InvalidConfigException(parser.problems);
    }
    return spec;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static String hostKey(URI url) {
    return UrlHost.parse(url).key();
  }

  private RunSpec run(RunConfig config) {
    int concurrency =
        positive("<concurrency>", config.concurrency(), RunSpec.DEFAULT_CONCURRENCY, "");
    int perHost =
        positive(
            "<perHostConcurrency>",
            config.perHostConcurrency(),
            RunSpec.DEFAULT_PER_HOST_CONCURRENCY,
            "");
    allowMetadataTargets = Boolean.TRUE.equals(config.allowMetadataTargets());
    List<X509Certificate> trust = trustCertificates(config.trustCertificates());
    List<EndpointConfig> configs = new ArrayList<>(orEmpty(config.endpoints()));
    List<DnsRecordConfig> dnsConfigs = new ArrayList<>(orEmpty(config.dnsRecords()));
    List<TcpCheckConfig> tcpConfigs = new ArrayList<>(orEmpty(config.tcpChecks()));
    Map<Object, String> sources = Map.of();
    if (config.checksFile() != null && !config.checksFile().isBlank()) {
      ChecksFile.Loaded file = ChecksFile.read(Path.of(config.checksFile().trim()), problems);
      configs.addAll(file.endpoints());
      dnsConfigs.addAll(file.dnsRecords());
      tcpConfigs.addAll(file.tcpChecks());
      sources = file.sources();
    }
    List<EndpointSpec> endpoints = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < configs.size(); i++) {
      int before = problems.size();
      String name = configs.get(i).name() == null ? null : configs.get(i).name().trim();
      boolean duplicate = name != null && !name.isEmpty() && !names.add(name);
      if (duplicate) {
        problem("<endpoint><name>", name, "is used by more than one endpoint; names must be unique");
      }
      EndpointSpec spec = endpoint(configs.get(i), i + 1);
      ConfigProblem.attribute(problems, before, sources.get(configs.get(i)));
      if (spec != null && !duplicate) {
        endpoints.add(spec);
      }
    }
    Set<String> secretHeaders = new HashSet<>();
    if (config.secretHeaders() != null) {
      for (String header : config.secretHeaders()) {
        if (header == null || !HEADER_NAME.matcher(header.trim()).matches()) {
          problem("<secretHeaders><secretHeader>", String.valueOf(header), "is not a valid HTTP header name");
        } else {
          secretHeaders.add(header.trim());
        }
      }
    }
    DnsRecordParser dns = new DnsRecordParser(problems);
    List<CheckSpec> checks = new ArrayList<>(endpoints);
    checks.addAll(dns.records(dnsConfigs, sources));
    checks.addAll(tcpChecks(tcpConfigs, names, sources));
    Map<String, String> groups = new LinkedHashMap<>();
    Map<String, Spelling> spellings = new HashMap<>();
    for (EndpointConfig c : configs) {
      group("<endpoint><group>", c.name(), c.group(), sources.get(c), groups, spellings);
    }
    for (DnsRecordConfig c : dnsConfigs) {
      group("<dnsRecord><group>", dns.checkName(c), c.group(), sources.get(c), groups, spellings);
    }
    for (TcpCheckConfig c : tcpConfigs) {
      group("<tcpCheck><group>", c.name(), c.group(), sources.get(c), groups, spellings);
    }
    return new RunSpec(
        checks,
        concurrency,
        perHost,
        dns.resolver(config.resolver()),
        secretHeaders,
        trust,
        allowMetadataTargets,
        positive("<perResolverConcurrency>", config.perResolverConcurrency(),
            RunSpec.DEFAULT_PER_RESOLVER_CONCURRENCY, ""),
        vantage(config.vantage()),
        shard(config.shard()),
        groups);
  }

  /**
   * Validates a check's {@code <group>} and records it under the check's name, trimmed: 1 to
   * {@value #MAX_GROUP_LENGTH} characters without control characters, and not a name that reads
   * as the page's heading of the checks without a group, nor one that reads as another check's
   * group spelt differently ({@link GroupNames#readsAs}): the page would show two headings that
   * look the same. Bidirectional controls are refused, as they turn the name round on the page.
   * Characters are counted as a reader
   * counts them, in code points: an emoji or a CJK extension ideograph is one, not the two UTF-16
   * units a Java string holds it in. A blank group is a problem, not "no group"; Maven
   * hands an empty or all-space element over as null, as if it were not written, so only a
   * checks file's, or a pom's {@code xml:space="preserve"} one, arrives blank.
   */
  private void group(String element, String check, String value, String source,
      Map<String, String> groups, Map<String, Spelling> spellings) {
    if (value == null || check == null) {
      return;
    }
    int before = problems.size();
    String group = value.strip();
    int length = group.codePointCount(0, group.length());
    String where = " (check \"" + check.trim() + "\")";
    if (ConfigProblem.isBlank(group)) {
      problems.add(ConfigProblem.blank(element, value, where));
    } else if (length > MAX_GROUP_LENGTH) {
      problem(element, value, "is longer than " + MAX_GROUP_LENGTH + " characters (it has "
          + length + ")" + where);
    } else if (group.codePoints().anyMatch(Character::isISOControl)) {
      problem(element, value, "contains a control character such as a line break or a tab"
          + where);
    } else if (GroupNames.bidiControl(group).isPresent()) {
      problem(element, value, "contains the bidirectional control character "
          + String.format(Locale.ROOT, "U+%04X", GroupNames.bidiControl(group).getAsInt())
          + ", which reorders the name on the page: remove it" + where);
    } else if (GroupNames.readTheSame(group, CheckResult.UNGROUPED)) {
      problem(element, value, "is the heading the status page gives the checks without a group:"
          + " leave <group> out to list the check there, or choose another name" + where);
    } else {
      Spelling first = spellings.putIfAbsent(GroupNames.readsAs(group),
          new Spelling(group, check.trim()));
      if (first != null && !first.group().equals(group)) {
        problem(element, value, where.strip() + " and " + ConfigProblem.quote(first.group())
            + " (check \"" + first.check() + "\") read the same on the page: write one spelling");
      } else {
        groups.put(check.trim(), group);
      }
    }
    ConfigProblem.attribute(problems, before, source);
  }

  /** The first spelling of a group, and the check it was written on. */
  private record Spelling(String group, String check) {}

  /** The {@code <vantage>}: a name like a check's; blank is none. */
  private Optional<String> vantage(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (!NAME.matcher(value.trim()).matches()) {
      problem("<vantage>", value, "is not a vantage name: use letters, digits, '.', '_' and '-'"
          + " (e.g. eu-west)");
      return Optional.empty();
    }
    return Optional.of(value.trim());
  }

  /** The {@code <shard>}, {@code K/N}; blank is none. */
  private Optional<Shard> shard(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Shard.parse(value));
    } catch (IllegalArgumentException e) {
      problem("<shard>", value, "is not a share K/N with 1 <= K <= N <= " + Shard.MAX_COUNT
          + " (e.g. 2/3: the second of three shares)");
      return Optional.empty();
    }
  }

  /**
   * Every valid TCP check; the invalid ones are left out and their problems recorded.
   *
   * @param names the check names taken so far (the endpoints'); a TCP check's name is added
   */
  private List<TcpCheckSpec> tcpChecks(
      List<TcpCheckConfig> configs, Set<String> names, Map<Object, String> sources) {
    List<TcpCheckSpec> specs = new ArrayList<>();
    if (configs == null) {
      return specs;
    }
    for (int i = 0; i < configs.size(); i++) {
      TcpCheckConfig c = configs.get(i);
      int before = problems.size();
      String name = c.name() == null ? null : c.name().trim();
      boolean duplicate = name != null && !name.isEmpty() && !names.add(name);
      if (duplicate) {
        problem("<tcpCheck><name>", name,
            "is used by more than one endpoint or TCP check; names must be unique");
      }
      TcpCheckSpec spec = c.spec(i + 1, allowMetadataTargets, problems);
      ConfigProblem.attribute(problems, before, sources.get(c));
      if (spec != null && !duplicate) {
        specs.add(spec);
      }
    }
    return specs;
  }

  /** Returns null when the endpoint has problems (they are recorded). */
  private EndpointSpec endpoint(EndpointConfig c, int position) {
    int before = problems.size();
    String name = c.name() == null ? null : c.name().trim();
    String where;
    if (name == null || name.isEmpty()) {
      problem("<endpoint><name>", String.valueOf(c.name()), "is missing (endpoint #" + position + ")");
      where = " (endpoint #" + position + ")";
    } else if (!NAME.matcher(name).matches()) {
      problem("<endpoint><name>", name, "may only contain letters, digits, '.', '_' and '-'");
      where = " (endpoint #" + position + ")";
    } else {
      where = " (endpoint \"" + name + "\")";
    }

    URI url = httpUrl("<endpoint><url>", c.url(), where, true);
    URI origin = httpUrl("<endpoint><origin>", c.origin(), where, false);
    allowedTarget("<endpoint><url>", url, where);
    allowedTarget("<endpoint><origin>", origin, where);

    StatusRanges expectStatus = StatusRanges.defaults();
    if (c.expectStatus() != null) {
      Optional<StatusRanges> parsed = StatusRanges.parse(c.expectStatus());
      if (parsed.isPresent()) {
        expectStatus = parsed.get();
      } else {
        problem(
            "<endpoint><expectStatus>",
            c.expectStatus(),
            "is not a list of status codes and ranges within 100-599, e.g. 200-399 or 200,301-302"
                + where);
      }
    }

    Duration maxLatency = null;
    if (c.maxLatencyMs() != null) {
      if (c.maxLatencyMs() < 1) {
        problem(
            "<endpoint><maxLatencyMs>",
            String.valueOf(c.maxLatencyMs()),
            "must be a positive number of milliseconds" + where);
      } else {
        maxLatency = Duration.ofMillis(c.maxLatencyMs());
      }
    }
    Duration warnLatency = null;
    if (c.warnLatencyMs() != null) {
      if (c.warnLatencyMs() < 1) {
        problem(
            "<endpoint><warnLatencyMs>",
            String.valueOf(c.warnLatencyMs()),
            "must be a positive number of milliseconds" + where);
      } else if (maxLatency != null && c.warnLatencyMs() >= maxLatency.toMillis()) {
        problem(
            "<endpoint><warnLatencyMs>",
            String.valueOf(c.warnLatencyMs()),
            "must be below <maxLatencyMs> " + maxLatency.toMillis() + where);
      } else {
        warnLatency = Duration.ofMillis(c.warnLatencyMs());
      }
    }
    Duration timeout = EndpointSpec.DEFAULT_TIMEOUT;
    if (c.timeoutMs() != null) {
      if (c.timeoutMs() <= 0 || c.timeoutMs() > Duration.ofMinutes(10).toMillis()) {
        problem(
            "<endpoint><timeoutMs>",
            String.valueOf(c.timeoutMs()),
            "must be between 1 and 600000 milliseconds" + where);
      } else {
        timeout = Duration.ofMillis(c.timeoutMs());
      }
    }
    int retries = EndpointSpec.DEFAULT_RETRIES;
    if (c.retries() != null) {
      if (c.retries() < 0 || c.retries() > EndpointSpec.MAX_RETRIES) {
        problem(
            "<endpoint><retries>",
            String.valueOf(c.retries()),
            "must be between 0 and " + EndpointSpec.MAX_RETRIES + where);
      } else {
        retries = c.retries();
      }
    }

    Map<String, Pattern> expectHeaders = new LinkedHashMap<>();
    if (c.expectHeaders() != null) {
      c.expectHeaders()
          .forEach(
              (header, regex) -> {
                String element = "<endpoint><expectHeaders><" + header + ">";
                headerName(element, header, where);
                try {
                  expectHeaders.put(header, Pattern.compile(regex == null ? "" : regex));
                } catch (PatternSyntaxException e) {
                  problem(element, regex, "is not a valid regular expression: " + e.getDescription() + where);
                }
              });
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (c.headers() != null) {
      c.headers()
          .forEach(
              (header, value) -> {
                String element = "<endpoint><headers><" + header + ">";
                headerName(element, header, where);
                String v = value == null ? "" : value;
                Matcher unresolved = UNRESOLVED.matcher(v);
                if (unresolved.find()) {
                  problem(
                      element,
                      unresolved.group(),
                      "was not resolved: define the property or environment variable" + where);
                } else if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                  problem(element, "(value hidden)", "contains a line break" + where);
                } else {
                  headers.put(header, v);
                }
              });
    }

    InetAddress originAddress = null;
    if (c.originAddress() != null && c.originAddress().isBlank()) {
      problems.add(ConfigProblem.blank("<endpoint><originAddress>", c.originAddress(), where));
    } else if (c.originAddress() != null) {
      originAddress = ipLiteral("<endpoint><originAddress>", c.originAddress().trim(), where);
      if (originAddress != null && !allowMetadataTargets
          && MetadataAddresses.isForbidden(originAddress)) {
        problem("<endpoint><originAddress>", c.originAddress().trim(),
            forbiddenReason(originAddress, where));
      }
    }
    int tlsExpiryWarnDays = EndpointSpec.DEFAULT_TLS_EXPIRY_WARN_DAYS;
    if (c.tlsExpiryWarnDays() != null) {
      if (c.tlsExpiryWarnDays() < 0
          || c.tlsExpiryWarnDays() > EndpointSpec.MAX_TLS_EXPIRY_WARN_DAYS) {
        problem(
            "<endpoint><tlsExpiryWarnDays>",
            String.valueOf(c.tlsExpiryWarnDays()),
            "must be between 0 (no warning) and " + EndpointSpec.MAX_TLS_EXPIRY_WARN_DAYS
                + " days" + where);
      } else {
        tlsExpiryWarnDays = c.tlsExpiryWarnDays();
      }
    }

    Pattern expectBody = bodyRegex("<endpoint><expectBody>", c.expectBody(), where);
    Pattern rejectBody = bodyRegex("<endpoint><rejectBody>", c.rejectBody(), where);

    AddressMode addresses = AddressMode.FIRST;
    if (c.addresses() != null && c.addresses().isBlank()) {
      problems.add(ConfigProblem.blank("<endpoint><addresses>", c.addresses(), where));
    } else if (c.addresses() != null) {
      Optional<AddressMode> mode = AddressMode.parse(c.addresses());
      if (mode.isPresent()) {
        addresses = mode.get();
      } else {
        problem("<endpoint><addresses>", c.addresses().trim(),
            "must be first, all, ipv4 or ipv6" + where);
      }
    }
    if (url != null && (addresses == AddressMode.IPV4 || addresses == AddressMode.IPV6)) {
      Optional<InetAddress> literal = MetadataAddresses.literal(UrlHost.parse(url).host());
      boolean v6 = literal.isPresent() && literal.get() instanceof java.net.Inet6Address;
      if (literal.isPresent() && v6 != (addresses == AddressMode.IPV6)) {
        problem("<endpoint><addresses>", c.addresses().trim(), "cannot apply to the URL's host "
            + UrlHost.parse(url).host() + ", an " + (v6 ? "IPv6" : "IPv4") + " address: it has no"
            + " DNS records to choose from" + where);
      }
    }
    int samples = 1;
    if (c.samples() != null) {
      if (c.samples() < 1 || c.samples() > EndpointSpec.MAX_SAMPLES) {
        problem("<endpoint><samples>", String.valueOf(c.samples()),
            "must be between 1 and " + EndpointSpec.MAX_SAMPLES + where);
      } else {
        samples = c.samples();
      }
    }
    Duration sampleWindow = Duration.ZERO;
    if (c.sampleWindowMs() != null) {
      if (c.sampleWindowMs() < 0 || c.sampleWindowMs() > EndpointSpec.MAX_SAMPLE_WINDOW.toMillis()) {
        problem("<endpoint><sampleWindowMs>", String.valueOf(c.sampleWindowMs()),
            "must be between 0 and " + EndpointSpec.MAX_SAMPLE_WINDOW.toMillis() + " milliseconds"
                + where);
      } else {
        sampleWindow = Duration.ofMillis(c.sampleWindowMs());
      }
    }
    double maxFailureRate = 0;
    if (c.maxFailureRate() != null) {
      if (!(c.maxFailureRate() >= 0 && c.maxFailureRate() <= 100)) {
        problem("<endpoint><maxFailureRate>", number(c.maxFailureRate()),
            "must be a percentage between 0 and 100" + where);
      } else {
        maxFailureRate = c.maxFailureRate();
      }
    }
    if (samples == 1 && (c.sampleWindowMs() != null || c.maxFailureRate() != null)
        && problems.size() == before) {
      if (c.sampleWindowMs() != null) {
        problem("<endpoint><sampleWindowMs>", String.valueOf(c.sampleWindowMs()),
            "needs <samples> above 1" + where);
      } else {
        problem("<endpoint><maxFailureRate>", number(c.maxFailureRate()),
            "needs <samples> above 1" + where);
      }
    }

    if (problems.size() > before) {
      return null;
    }
    return new EndpointSpec(
        name,
        url,
        Optional.ofNullable(origin),
        expectStatus,
        Optional.ofNullable(maxLatency),
        expectHeaders,
        headers,
        timeout,
        retries,
        Optional.ofNullable(originAddress),
        Boolean.TRUE.equals(c.expectCacheable()),
        Boolean.TRUE.equals(c.failOnProbeBlocked()),
        !Boolean.FALSE.equals(c.followRedirects()),
        tlsExpiryWarnDays,
        Optional.ofNullable(warnLatency),
        Optional.ofNullable(expectBody),
        Optional.ofNullable(rejectBody),
        addresses,
        samples,
        sampleWindow,
        maxFailureRate);
  }

  /** A number as it was most likely written: {@code 150}, {@code 2.5}. */
  private static String number(Double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? String.valueOf(value.longValue())
        : String.valueOf(value);
  }

  /** A body regex, or null when not configured (or invalid, which is reported). */
  private Pattern bodyRegex(String element, String regex, String where) {
    if (regex == null || regex.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problem(element, regex, "is not a valid regular expression: " + e.getDescription() + where);
      return null;
    }
  }

  private URI httpUrl(String element, String text, String where, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        problem(element, String.valueOf(text), "is missing" + where);
      } else if (text != null) {
        problems.add(ConfigProblem.blank(element, text, where));
      }
      return null;
    }
    String trimmed = text.trim();
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https"))) {
        // Not uri.getHost(): it is null for reg-names with "_" (RFC 3986 §3.2.2 allows them).
        UrlHost.parse(uri);
        return uri;
      }
    } catch (IllegalArgumentException e) {
      problem(element, trimmed, "is not an absolute http(s) URL: it " + e.getMessage() + where);
      return null;
    } catch (URISyntaxException e) {
      problem(element, trimmed, MalformedUrl.reason(trimmed, e) + where);
      return null;
    }
    problem(element, trimmed, "is not an absolute http(s) URL" + where);
    return null;
  }

  /**
   * A URL whose host is literally a cloud metadata or link-local address is refused here, before
   * anything runs; host names that resolve to one are refused when the probe connects.
   */
  private void allowedTarget(String element, URI url, String where) {
    if (url == null || allowMetadataTargets) {
      return;
    }
    MetadataAddresses.literal(UrlHost.parse(url).host())
        .filter(MetadataAddresses::isForbidden)
        .ifPresent(address -> problem(element, url.toString(), forbiddenReason(address, where)));
  }

  /** Why a metadata or link-local literal is refused as a target, and how to allow it. */
  static String forbiddenReason(InetAddress address, String where) {
    return "is a cloud metadata or link-local address (" + MetadataAddresses.describe(address)
        + "), refused as a target; set " + MetadataAddresses.OPT_IN
        + " if you mean to check it" + where;
  }

  /** The extra CA certificates; none without {@code <trustCertificates>}. */
  private List<X509Certificate> trustCertificates(String path) {
    if (path == null || path.isBlank()) {
      return List.of();
    }
    String trimmed = path.trim();
    try {
      return PemCertificates.read(Path.of(trimmed));
    } catch (java.nio.file.NoSuchFileException e) {
      problem("<trustCertificates>", trimmed, "is not readable: no such file");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      problem("<trustCertificates>", trimmed,
          "is not readable: " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (PemCertificates.NotPemException e) {
      problem("<trustCertificates>", trimmed, e.getMessage());
    }
    return List.of();
  }

  /** An IP address literal (no host name: that would need its own DNS lookup to mean anything). */
  private InetAddress ipLiteral(String element, String text, String where) {
    String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean looksLikeIp = IPV4.matcher(literal).matches() || (literal.contains(":") && IPV6.matcher(literal).matches());
    if (looksLikeIp) {
      try {
        return InetAddress.getByName(literal);
      } catch (java.net.UnknownHostException e) {
        // not a valid literal after all: reported below
      }
    }
    problem(element, text, "is not an IP address (e.g. 203.0.113.10 or 2001:db8::10)" + where);
    return null;
  }

  private void headerName(String element, String header, String where) {
    if (header == null || !HEADER_NAME.matcher(header).matches()) {
      problem(element, String.valueOf(header), "is not a valid HTTP header name" + where);
    }
  }

  private int positive(String element, Integer value, int fallback, String where) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      problem(element, String.valueOf(value), "must be a positive number" + where);
      return fallback;
    }
    return value;
  }

  private void problem(String element, String value, String reason) {
    problems.add(new ConfigProblem(element, value, reason));
  }
}
