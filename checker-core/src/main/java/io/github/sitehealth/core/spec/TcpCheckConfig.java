package io.github.sitehealth.core.spec;

import io.github.sitehealth.core.net.MetadataAddresses;
import io.github.sitehealth.core.net.UrlHost;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code <tcpCheck>} as the user wrote it, filled in directly by the build tool's configuration
 * (Maven sets the fields by name) or by {@link #builder}. Any field may be null: {@link #spec}
 * applies the defaults, validates, and names the element and value it rejects.
 *
 * <p>Not final: a build tool may give the element a class of its own that extends this one (Maven
 * looks for a class named after the element in the goal's package before it takes the list's type
 * argument, and every lookup that finds none costs class-loader failures).
 */
public class TcpCheckConfig {

  /** Unique name of the check among all checks, {@code [A-Za-z0-9._-]+}. Required. */
  private String name;

  /**
   * Where to connect, {@code host:port}: a host name, an IPv4 literal, or an IPv6 literal in
   * brackets ({@code [2001:db8::1]:22}); the port from 1 to 65535. Required.
   */
  private String address;

  /**
   * A regular expression (Java syntax) that must be found in the first bytes the server sends
   * (at most 4 KiB, decoded as UTF-8), e.g. {@code ^SSH-2\.0-} for an SSH server's version line
   * (RFC 4253 §4.2) or {@code ^220 } for an SMTP server's greeting (RFC 5321 §4.2). Bytes that
   * do not match are {@code BANNER_MISMATCH}; nothing within the deadline is {@code
   * READ_TIMEOUT}. None by default: the check only connects.
   */
  private String expectBanner;

  /**
   * Complete a TLS handshake after connecting (SNI = the host name, the certificate verified for
   * the host against the JDK's trust and {@code <trustCertificates>}). Default false.
   */
  private Boolean tls;

  /** Whole-check deadline in milliseconds, every attempt included. Default 5000. */
  private Long timeoutMs;

  /**
   * The component this check belongs to on the status page, e.g. {@code Checkout} or {@code
   * EU edge}: checks of one group are shown together under the group's worst status, as on a
   * Statuspage. 1 to 64 characters, no control characters. Default: none.
   */
  private String group;

  /**
   * Extra attempts, with backoff (200 ms, doubling), before the check is DOWN; only failures a
   * retry can change are retried. Default 2.
   */
  private Integer retries;

  /**
   * Budget of the connect time in milliseconds, the TLS handshake included: slower is DOWN with
   * {@code LATENCY_BUDGET}. None by default.
   */
  private Long maxLatencyMs;

  /** An empty config, for the build tool to fill in. */
  public TcpCheckConfig() {}

  /** A config with only a name and an address; everything else takes its default. */
  public static TcpCheckConfig of(String name, String address) {
    return builder(name, address).build();
  }

  /** A config with a name and an address, to which the builder adds what the user set. */
  public static Builder builder(String name, String address) {
    return new Builder().name(name).address(address);
  }

  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  public String expectBanner() {
    return expectBanner;
  }

  public Boolean tls() {
    return tls;
  }

  public Long timeoutMs() {
    return timeoutMs;
  }

  public String group() {
    return group;
  }

  public Integer retries() {
    return retries;
  }

  public Long maxLatencyMs() {
    return maxLatencyMs;
  }

  /**
   * The validated check; null when it has problems, each added to {@code problems} with its
   * element ({@code <tcpCheck><address>}), its value and why it is refused.
   *
   * @param position the check's position among the {@code <tcpChecks>}, from 1, for messages
   * @param allowMetadataTargets whether cloud metadata and link-local addresses may be checked
   */
  TcpCheckSpec spec(int position, boolean allowMetadataTargets, List<ConfigProblem> problems) {
    int before = problems.size();
    String checkName = name == null ? null : name.trim();
    String where;
    if (checkName == null || checkName.isEmpty()) {
      problems.add(new ConfigProblem(
          "<tcpCheck><name>", String.valueOf(name), "is missing (tcpCheck #" + position + ")"));
      where = " (tcpCheck #" + position + ")";
    } else if (!SpecParser.NAME.matcher(checkName).matches()) {
      problems.add(new ConfigProblem("<tcpCheck><name>", checkName,
          "may only contain letters, digits, '.', '_' and '-'"));
      where = " (tcpCheck #" + position + ")";
    } else {
      where = " (tcpCheck \"" + checkName + "\")";
    }

    UrlHost hostPort = hostPort(where, problems);
    if (hostPort != null && !allowMetadataTargets) {
      MetadataAddresses.literal(hostPort.host())
          .filter(MetadataAddresses::isForbidden)
          .ifPresent(a -> problems.add(new ConfigProblem(
              "<tcpCheck><address>", address.trim(), SpecParser.forbiddenReason(a, where))));
    }

    Pattern banner = null;
    if (expectBanner != null && !expectBanner.isEmpty()) {
      try {
        banner = Pattern.compile(expectBanner);
      } catch (PatternSyntaxException e) {
        problems.add(new ConfigProblem("<tcpCheck><expectBanner>", expectBanner,
            "is not a valid regular expression: " + e.getDescription() + where));
      }
    }

    Duration timeout = TcpCheckSpec.DEFAULT_TIMEOUT;
    if (timeoutMs != null) {
      if (timeoutMs <= 0 || timeoutMs > Duration.ofMinutes(10).toMillis()) {
        problems.add(new ConfigProblem("<tcpCheck><timeoutMs>", String.valueOf(timeoutMs),
            "must be between 1 and 600000 milliseconds" + where));
      } else {
        timeout = Duration.ofMillis(timeoutMs);
      }
    }
    int attemptsAfterFirst = TcpCheckSpec.DEFAULT_RETRIES;
    if (retries != null) {
      if (retries < 0 || retries > TcpCheckSpec.MAX_RETRIES) {
        problems.add(new ConfigProblem("<tcpCheck><retries>", String.valueOf(retries),
            "must be between 0 and " + TcpCheckSpec.MAX_RETRIES + where));
      } else {
        attemptsAfterFirst = retries;
      }
    }
    Duration maxLatency = null;
    if (maxLatencyMs != null) {
      if (maxLatencyMs < 1) {
        problems.add(new ConfigProblem("<tcpCheck><maxLatencyMs>", String.valueOf(maxLatencyMs),
            "must be a positive number of milliseconds" + where));
      } else {
        maxLatency = Duration.ofMillis(maxLatencyMs);
      }
    }

    if (problems.size() > before) {
      return null;
    }
    return new TcpCheckSpec(
        checkName,
        hostPort,
        Optional.ofNullable(banner),
        Boolean.TRUE.equals(tls),
        timeout,
        attemptsAfterFirst,
        Optional.ofNullable(maxLatency));
  }

  /** The address; null when missing or invalid (the problem is added). */
  private UrlHost hostPort(String where, List<ConfigProblem> problems) {
    String element = "<tcpCheck><address>";
    if (address == null || address.isBlank()) {
      problems.add(new ConfigProblem(element, String.valueOf(address), "is missing" + where));
      return null;
    }
    String text = address.trim();
    String forms = "is not host:port, e.g. bastion.example.com:22, 192.0.2.10:25 or"
        + " [2001:db8::10]:443";
    UrlHost parsed;
    try {
      parsed = UrlHost.parseHostPort(text);
    } catch (IllegalArgumentException e) {
      boolean bareIpv6 = !text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':')
          && text.indexOf('/') < 0 && text.indexOf('@') < 0;
      problems.add(new ConfigProblem(element, text, forms + ": "
          + (bareIpv6 ? "an IPv6 literal goes in brackets" : "it " + e.getMessage()) + where));
      return null;
    }
    if (parsed.port() < 1) {
      problems.add(new ConfigProblem(element, text,
          "has port " + parsed.port() + ": the port must be between 1 and 65535" + where));
      return null;
    }
    return parsed;
  }

  /** Sets what the user configured; what is not set takes its default. */
  public static final class Builder {
    private final TcpCheckConfig config = new TcpCheckConfig();

    private Builder() {}

    public Builder name(String name) {
      config.name = name;
      return this;
    }

    public Builder address(String address) {
      config.address = address;
      return this;
    }

    public Builder expectBanner(String expectBanner) {
      config.expectBanner = expectBanner;
      return this;
    }

    public Builder tls(Boolean tls) {
      config.tls = tls;
      return this;
    }

    public Builder timeoutMs(Long timeoutMs) {
      config.timeoutMs = timeoutMs;
      return this;
    }

    public Builder group(String group) {
      config.group = group;
      return this;
    }

    public Builder retries(Integer retries) {
      config.retries = retries;
      return this;
    }

    public Builder maxLatencyMs(Long maxLatencyMs) {
      config.maxLatencyMs = maxLatencyMs;
      return this;
    }

    /** The config; the builder must not be used after this. */
    public TcpCheckConfig build() {
      return config;
    }
  }
}
