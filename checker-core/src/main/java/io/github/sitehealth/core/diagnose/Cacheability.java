package io.github.sitehealth.core.diagnose;

import io.github.sitehealth.core.http.HttpDate;
import io.github.sitehealth.core.http.HttpSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.HeaderElement;
import org.apache.hc.core5.http.message.BasicHeaderValueParser;
import org.apache.hc.core5.http.message.ParserCursor;

/**
 * Whether a shared cache (a CDN, a reverse proxy) may store a response to a GET and serve it
 * without asking the origin, and for how long, as RFC 9111 decides it.
 *
 * <p>A CDN follows {@code CDN-Cache-Control} instead of {@code Cache-Control} and {@code
 * Expires} when the response has one (RFC 9213 section 2.2); the rules below then read its
 * directives. The rules, in the order they are applied: {@code no-store} (&sect;5.2.2.5) and unqualified
 * {@code private} (&sect;5.2.2.7) forbid storing; a request with {@code Authorization} may be
 * stored only with {@code public}, {@code s-maxage} or {@code must-revalidate} (&sect;3.5); without
 * explicit freshness or {@code public} only a heuristically cacheable status may be stored (&sect;3,
 * RFC 9110 &sect;15.1); {@code Vary: *} never matches a later request (RFC 9110 &sect;12.5.5, RFC
 * 9111 &sect;4.1); unqualified {@code no-cache} means stored but validated before every use
 * (&sect;5.2.2.4); the freshness lifetime is {@code s-maxage}, else {@code max-age}, else {@code
 * Expires} minus {@code Date} (&sect;4.2.1), an invalid {@code Expires} being already expired
 * (&sect;5.3), and with none of them only a heuristic lifetime is left (&sect;4.2.2); a response
 * whose age (&sect;4.2.3, {@code Age} and {@code Date}) has reached its lifetime is stale; and an
 * otherwise fresh response with {@code Set-Cookie} is not cached by CDNs (Cloudflare's, Fastly's
 * and Varnish's default behaviour), even when {@code private="Set-Cookie"} would let an RFC 9111
 * cache store it without the cookie. A quoted {@code max-age="600"}, which senders must not
 * generate (&sect;5.2.2.1), is not counted as fresh: Varnish ignores it.
 *
 * @param verdict what a shared cache does with the response
 * @param freshnessSeconds the freshness lifetime in seconds (&sect;4.2.1), 0 when there is none
 * @param ageSeconds the response's current age in seconds (&sect;4.2.3)
 * @param reason why, in one sentence naming the directive or header and the RFC section
 */
public record Cacheability(Verdict verdict, long freshnessSeconds, long ageSeconds, String reason) {

  /** What a shared cache does with a response. */
  public enum Verdict {
    /** Stored and served from the cache for the rest of its freshness lifetime. */
    FRESH,
    /** May be stored, but every use needs a round trip to the origin first. */
    STALE,
    /** May be stored, but no explicit lifetime: how long is up to each cache's heuristic. */
    HEURISTIC,
    /** May not be stored by a shared cache. */
    NOT_STORABLE,
    /** {@code Vary: *}: a stored copy never matches a request, so it is never served. */
    NEVER_MATCHES,
    /** Fresh by the RFC, but carries {@code Set-Cookie}, which CDNs do not cache by default. */
    SET_COOKIE
  }

  /** Statuses a cache may store without explicit freshness (RFC 9110 &sect;15.1). */
  private static final Set<Integer> HEURISTICALLY_CACHEABLE =
      Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

  /** A delta-seconds value too large to represent is 2^31 (RFC 9111 &sect;1.2.2). */
  static final long MAX_DELTA_SECONDS = 2_147_483_648L;

  /** Whether a shared cache serves the response without asking the origin. */
  public boolean servedFromCache() {
    return verdict == Verdict.FRESH;
  }

  /**
   * Judges a response to a GET as a shared cache would.
   *
   * @param response the response, its headers read as combined field values
   * @param requestAuthorized whether the request carried {@code Authorization}
   * @param receivedAt when the response was received, for its age and {@code Expires}
   */
  public static Cacheability judge(
      HttpSnapshot response, boolean requestAuthorized, Instant receivedAt) {
    Policy policy = Policy.of(response);
    Map<String, List<String>> cc = directives(policy.value());
    String field = policy.field();
    Optional<Instant> date = response.field("Date").flatMap(HttpDate::parse);
    long age = age(response, date, receivedAt);

    if (cc.containsKey("no-store")) {
      return notStorable(field + ": no-store forbids every cache to store it (RFC 9111 section 5.2.2.5)");
    }
    if (cc.containsKey("private") && unqualified(cc.get("private"))) {
      return notStorable(field + ": private lets only a browser's own cache store it, not a"
          + " CDN or proxy (RFC 9111 section 5.2.2.7)");
    }
    if (requestAuthorized
        && !(cc.containsKey("public") || cc.containsKey("s-maxage") || cc.containsKey("must-revalidate"))) {
      return notStorable("the request carries Authorization, and a shared cache stores such a"
          + " response only with Cache-Control public, s-maxage or must-revalidate (RFC 9111 section 3.5)");
    }
    boolean explicit = cc.containsKey("s-maxage") || cc.containsKey("max-age")
        || (policy.expiresCounts() && response.field("Expires").isPresent());
    if (!explicit && !cc.containsKey("public") && !HEURISTICALLY_CACHEABLE.contains(response.status())) {
      return notStorable("status " + response.status() + " is not cacheable by default and no"
          + " Cache-Control max-age, s-maxage, public or Expires makes it so (RFC 9111 section 3,"
          + " RFC 9110 section 15.1)");
    }
    if (response.field("Vary").map(Cacheability::varyStar).orElse(false)) {
      return new Cacheability(Verdict.NEVER_MATCHES, 0, age, "Vary: * never matches a later"
          + " request, so a cache never serves a stored copy (RFC 9110 section 12.5.5, RFC 9111"
          + " section 4.1): name the request headers the response varies on instead");
    }
    if (cc.containsKey("no-cache") && unqualified(cc.get("no-cache"))) {
      return new Cacheability(Verdict.STALE, 0, age, field + ": no-cache lets caches store"
          + " it, but every request must be revalidated with the origin first (RFC 9111 section 5.2.2.4)");
    }
    Lifetime lifetime = lifetime(cc, policy, response, date, receivedAt);
    if (lifetime.seconds().isEmpty()) {
      return new Cacheability(Verdict.HEURISTIC, 0, age, lifetime.why());
    }
    long seconds = lifetime.seconds().get();
    if (seconds <= 0) {
      return new Cacheability(Verdict.STALE, 0, age, lifetime.why() + ": not fresh for a shared"
          + " cache, every request goes to the origin (RFC 9111 section 4.2.1)");
    }
    if (age >= seconds) {
      return new Cacheability(Verdict.STALE, seconds, age, lifetime.why() + ", but its age is "
          + age + " s (Age, Date): already stale when received (RFC 9111 section 4.2.3)");
    }
    if (!response.headers("Set-Cookie").isEmpty()) {
      String qualified = excludes(cc, "set-cookie")
          ? "; RFC 9111 section 5.2.2.7 would let a shared cache store it without the cookie"
              + " (private=\"Set-Cookie\"), but Varnish's built-in rules do not"
          : "";
      return new Cacheability(Verdict.SET_COOKIE, seconds, age, lifetime.why() + ", but it sets a"
          + " cookie (Set-Cookie), and CDNs (Cloudflare, Fastly, Varnish by default) do not cache"
          + " such a response" + qualified + ": drop the cookie from responses that should be"
          + " cached");
    }
    return new Cacheability(Verdict.FRESH, seconds, age, lifetime.why()
        + " (RFC 9111 section 4.2.1)" + (age > 0 ? ", " + age + " s of it used (age)" : ""));
  }

  private static Cacheability notStorable(String reason) {
    return new Cacheability(Verdict.NOT_STORABLE, 0, 0, reason);
  }

  /**
   * The field whose directives a CDN follows: {@code CDN-Cache-Control} when the response has a
   * non-empty one, and then {@code Cache-Control} and {@code Expires} are ignored (RFC 9213
   * section 2.2, honoured by Cloudflare, Fastly and Akamai); else {@code Cache-Control}.
   */
  private record Policy(String field, String value, boolean expiresCounts) {
    static Policy of(HttpSnapshot response) {
      Optional<String> targeted = response.field("CDN-Cache-Control").filter(v -> !v.isBlank());
      return targeted
          .map(v -> new Policy("CDN-Cache-Control", v, false))
          .orElseGet(() -> new Policy("Cache-Control", response.field("Cache-Control").orElse(""), true));
    }
  }

  /** A lifetime in seconds with the sentence that says where it came from; empty: none given. */
  private record Lifetime(Optional<Long> seconds, String why) {}

  /** The freshness lifetime for a shared cache: s-maxage, max-age, Expires (RFC 9111 4.2.1). */
  private static Lifetime lifetime(Map<String, List<String>> cc, Policy policy,
      HttpSnapshot response, Optional<Instant> date, Instant receivedAt) {
    String cacheControl = policy.value();
    String field = policy.field();
    for (String directive : List.of("s-maxage", "max-age")) {
      if (cc.containsKey(directive)) {
        List<String> values = cc.get(directive);
        String shadowed = directive.equals("s-maxage") && cc.containsKey("max-age")
            ? " (it takes precedence over max-age=" + cc.get("max-age").get(0) + " for a shared cache)"
            : "";
        if (values.stream().distinct().count() > 1) {
          return new Lifetime(Optional.of(0L), field + " has conflicting " + directive + " values "
              + values + ", so a cache may treat it as stale");
        }
        if (quoted(cacheControl, directive)) {
          return new Lifetime(Optional.of(0L), field + ": " + directive + "=\"" + values.get(0)
              + "\" is in the quoted form, which a sender must not generate (RFC 9111 section "
              + (directive.equals("s-maxage") ? "5.2.2.10" : "5.2.2.1")
              + "): caches that follow section 5.2 accept it, but others (Varnish) ignore it;"
              + " write " + directive + "=" + values.get(0));
        }
        Optional<Long> seconds = Optional.ofNullable(values.get(0)).flatMap(Cacheability::deltaSeconds);
        if (seconds.isEmpty()) {
          return new Lifetime(Optional.of(0L), field + ": " + directive + "=" + values.get(0)
              + " is not a number of seconds");
        }
        return new Lifetime(seconds, field + ": " + directive + "=" + seconds.get() + shadowed);
      }
    }
    List<String> expires = policy.expiresCounts() ? response.headers("Expires") : List.of();
    if (!expires.isEmpty()) {
      if (expires.stream().distinct().count() > 1) {
        return new Lifetime(Optional.of(0L), "conflicting Expires values " + expires);
      }
      Optional<Instant> at = HttpDate.parse(expires.get(0));
      if (at.isEmpty()) {
        return new Lifetime(Optional.of(0L), "Expires: " + expires.get(0)
            + " is not a valid HTTP date, which means already expired (RFC 9111 section 5.3)");
      }
      long seconds = Math.max(0, Duration.between(date.orElse(receivedAt), at.get()).toSeconds());
      return new Lifetime(Optional.of(seconds), "Expires: " + expires.get(0) + " is " + seconds
          + " s after " + (date.isPresent() ? "its Date" : "it was received"));
    }
    return new Lifetime(Optional.empty(), "no explicit freshness lifetime (no " + field
        + " s-maxage or max-age, " + (policy.expiresCounts() ? "no Expires" : "and Expires is ignored"
        + " beside CDN-Cache-Control") + "): a cache may store it, but for how long is its own"
        + " heuristic (RFC 9111 section 4.2.2); set Cache-Control: max-age or s-maxage");
  }

  /** Current age: the larger of Age and the time since Date (RFC 9111 section 4.2.3). */
  private static long age(HttpSnapshot response, Optional<Instant> date, Instant receivedAt) {
    long ageValue = response.headers("Age").stream()
        .findFirst()
        .flatMap(Cacheability::deltaSeconds)
        .orElse(0L);
    long apparent = date.map(d -> Math.max(0, Duration.between(d, receivedAt).toSeconds())).orElse(0L);
    return Math.max(ageValue, apparent);
  }

  /** delta-seconds (RFC 9111 section 1.2.2): digits only; too large is 2^31. */
  static Optional<Long> deltaSeconds(String value) {
    String v = value.trim();
    if (v.isEmpty() || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return Optional.empty();
    }
    if (v.length() > 10) {
      return Optional.of(MAX_DELTA_SECONDS);
    }
    return Optional.of(Math.min(Long.parseLong(v), MAX_DELTA_SECONDS));
  }

  /**
   * Cache-Control directives by lower-cased name (directive names are case-insensitive, RFC 9111
   * section 5.2), each with its values in order (unquoted; null for a directive without one).
   * Parsed by HttpClient's header element parser, which handles quoted strings with commas.
   */
  static Map<String, List<String>> directives(String cacheControl) {
    Map<String, List<String>> directives = new LinkedHashMap<>();
    HeaderElement[] elements = BasicHeaderValueParser.INSTANCE.parseElements(
        cacheControl, new ParserCursor(0, cacheControl.length()));
    for (HeaderElement e : elements) {
      if (e.getName() == null || e.getName().isBlank()) {
        continue;
      }
      directives.computeIfAbsent(e.getName().trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(e.getValue());
    }
    return directives;
  }

  /** Whether {@code directive}'s argument is written as a quoted string, e.g. max-age="600". */
  private static boolean quoted(String cacheControl, String directive) {
    return Pattern.compile("(?i)(?:^|[,\\s])" + Pattern.quote(directive) + "\\s*=\\s*\"")
        .matcher(cacheControl).find();
  }

  /** The directive appears without a field list, e.g. {@code private}, not {@code private="X"}. */
  private static boolean unqualified(List<String> values) {
    return values.stream().anyMatch(v -> v == null || v.isBlank());
  }

  /** A qualified private or no-cache lists {@code field}: the cache drops it from what it stores. */
  private static boolean excludes(Map<String, List<String>> cc, String field) {
    for (String directive : List.of("private", "no-cache")) {
      for (String list : cc.getOrDefault(directive, List.of())) {
        if (list != null) {
          for (String name : list.split(",")) {
            if (name.trim().equalsIgnoreCase(field)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean varyStar(String vary) {
    for (String member : vary.split(",")) {
      if (member.trim().equals("*")) {
        return true;
      }
    }
    return false;
  }
}
