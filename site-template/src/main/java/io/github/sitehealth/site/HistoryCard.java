package io.github.sitehealth.site;

import io.github.sitehealth.core.result.CheckStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One check's history on the status page: the uptime over 24 h, 7, 30 and 90 days right above a
 * slot per day for 90 days, and the latency chart. Both drawings are inline SVG written through
 * {@link HtmlStream}, which escapes every value (no script, nothing fetched, so the page's
 * Content-Security-Policy holds), each with a text alternative that carries its figures.
 *
 * <p>Drawings are kept small, a few hundred bytes each: days of one status in a row are one
 * stroke of one path, and the latency is one polyline of at most {@link Latency#MAX_RUNS}
 * points, so a check's history is about a KiB of the index of a large run.
 */
final class HistoryCard {

  /** Width of a day slot in the day strip's units: a 3 unit bar and a 1 unit gap. */
  static final int SLOT = 4;
  static final int STRIP_WIDTH = Uptime.DAYS * SLOT;
  static final int CHART_WIDTH = 360;
  static final int CHART_HEIGHT = 64;
  /** The chart's top and bottom margins, so the line and the marks are not cut at the edges. */
  private static final int CHART_PAD = 4;

  private HistoryCard() {}

  /** Writes the check's {@code <li class="history">}. */
  static void write(HtmlStream html, String check, Uptime.Series uptime, Latency.Series latency) {
    html.start("li", "class", "history").element("p", check, "class", "check-name");
    html.start("div", "class", "uptime-days");
    days(html, check, uptime);
    html.end().start("figure", "class", "latency");
    chart(html, check, latency);
    html.end().end();
  }

  /**
   * The uptime figures, then 90 fixed-width day slots, oldest first. The words under the slots
   * ("90 days ago", "latest run") come from site.css: they are the same under every check.
   */
  private static void days(HtmlStream html, String check, Uptime.Series series) {
    html.start("dl", "class", "windows");
    for (Uptime.Window window : Uptime.Window.values()) {
      html.element("dt", window.label);
      Uptime.Share share = series.share(window);
      if (share.runs() == 0) {
        html.element("dd", share.percent(), "class", "none");
      } else {
        html.element("dd", share.percent());
      }
    }
    html.end();
    List<Uptime.Day> days = series.days();
    LocalDate last = days.get(days.size() - 1).date();
    svg(html, "strip", STRIP_WIDTH, DayShape.HEIGHT, describe(check, series, last));
    for (DayShape shape : DayShape.values()) {
      // A run of days of one kind is one stroke, its dash pattern (site.css) cutting it into a
      // bar per day: 90 days of one kind are a dozen bytes, not 90 elements.
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < days.size(); i++) {
        if (DayShape.of(days.get(i)) == shape) {
          int from = i;
          while (i + 1 < days.size() && DayShape.of(days.get(i + 1)) == shape) {
            i++;
          }
          d.append('M').append(from * SLOT).append(' ').append(shape.middle).append('h')
              .append((i + 1 - from) * SLOT);
        }
      }
      if (!d.isEmpty()) {
        html.empty("path", "class", shape.css, "d", d.toString());
      }
    }
    html.end();
  }

  /**
   * How a day is drawn: the worse the day, the taller its bar, so the states differ in shape as
   * well as colour; a day without data is a short grey stub, nothing like a DOWN bar.
   */
  enum DayShape {
    NONE("day-none", 22),
    UP("day-up", 14),
    DEGRADED("day-degraded", 14),
    DOWN("day-down", 14);

    static final int HEIGHT = 28;

    final String css;
    /** The y of the stroke's middle; its width, the bar's height, is in site.css. */
    final int middle;

    DayShape(String css, int middle) {
      this.css = css;
      this.middle = middle;
    }

    static DayShape of(Uptime.Day day) {
      return day.status().map(s -> switch (s) {
        case UP -> UP;
        case DEGRADED -> DEGRADED;
        case DOWN -> DOWN;
      }).orElse(NONE);
    }
  }

  /** E.g. "home, 90 days to 2025-03-20: 85 up, 1 down, 4 no data; last down 2025-03-17." */
  static String describe(String check, Uptime.Series series, LocalDate last) {
    // One pass over the 90 days, not a stream per figure: this runs for every check on the page.
    long[] days = new long[CheckStatus.values().length];
    long withoutData = 0;
    LocalDate lastDown = null;
    for (Uptime.Day day : series.days()) {
      Optional<CheckStatus> status = day.status();
      if (status.isEmpty()) {
        withoutData++;
        continue;
      }
      days[status.get().ordinal()]++;
      if (status.get() == CheckStatus.DOWN) {
        lastDown = day.date();
      }
    }
    List<String> parts = new java.util.ArrayList<>();
    for (CheckStatus status : CheckStatus.values()) {
      if (days[status.ordinal()] > 0) {
        parts.add(days[status.ordinal()] + " " + status.name().toLowerCase(Locale.ROOT));
      }
    }
    if (withoutData > 0) {
      parts.add(withoutData + " no data");
    }
    StringBuilder text = new StringBuilder(check).append(", ").append(Uptime.DAYS)
        .append(" days to ").append(last).append(": ").append(String.join(", ", parts));
    if (lastDown != null) {
      text.append("; last down ").append(lastDown);
    }
    return text.append('.').toString();
  }

  /**
   * The latency of each run as a line, the median and the 95th percentile as dashed and dotted
   * lines, and each DOWN or DEGRADED run as a mark across the chart's height.
   */
  private static void chart(HtmlStream html, String check, Latency.Series series) {
    if (series.runs().isEmpty()) {
      html.element("figcaption", "Latency: no runs recorded yet.");
      return;
    }
    long median = series.median().orElseThrow();
    long p95 = series.p95().orElseThrow();
    long top = scaleTop(series.max());
    int n = series.runs().size();
    String runs = n == 1 ? "the latest run" : "the last " + n + " runs";
    long down = series.count(CheckStatus.DOWN);
    long degraded = series.count(CheckStatus.DEGRADED);
    String failures = failures(down, degraded);
    figures(html, median, p95, down + degraded, n);
    svg(html, "chart", CHART_WIDTH, CHART_HEIGHT, check
        + ", latency of " + runs + ": median " + median + " ms, p95 " + p95 + " ms"
        + (down + degraded == 0 ? "" : "; " + failures) + ".");
    for (CheckStatus status : List.of(CheckStatus.DEGRADED, CheckStatus.DOWN)) {
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (series.runs().get(i).status() == status) {
          d.append('M').append(x(i, n)).append(" 0V").append(CHART_HEIGHT);
        }
      }
      if (!d.isEmpty()) {
        html.empty("path", "class", "run-" + status.name().toLowerCase(Locale.ROOT),
            "d", d.toString());
      }
    }
    level(html, "p95", y(p95, top));
    level(html, "median", y(median, top));
    if (n == 1) {
      html.empty("circle", "cx", String.valueOf(x(0, 1)),
          "cy", String.valueOf(y(series.runs().get(0).latencyMs(), top)), "r", "3");
    } else {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < n; i++) {
        points.append(i == 0 ? "" : " ").append(x(i, n)).append(',')
            .append(y(series.runs().get(i).latencyMs(), top));
      }
      html.empty("polyline", "points", points.toString());
    }
    html.end();
    html.element("figcaption",
        capitalize(runs) + (n == 1 ? "" : ", oldest first") + "; scale 0 to " + top + " ms.");
  }

  static String failures(long down, long degraded) {
    if (down + degraded == 0) {
      return "no run down or degraded";
    }
    if (down == 0) {
      return degraded + (degraded == 1 ? " run" : " runs") + " degraded";
    }
    return down + (down == 1 ? " run" : " runs") + " down" + (degraded == 0 ? "" : ", " + degraded + " degraded");
  }

  /** The chart's figures, named as the table names its column: latency. */
  private static void figures(HtmlStream html, long median, long p95, long failed, int runs) {
    html.start("dl", "class", "figures");
    pair(html, "Median latency", median + " ms");
    pair(html, "p95 latency", p95 + " ms");
    pair(html, "Runs not up", failed + " of " + runs);
    html.end();
  }

  private static void pair(HtmlStream html, String term, String value) {
    html.element("dt", term).element("dd", value);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void level(HtmlStream html, String css, int y) {
    html.empty("path", "class", css, "d", "M0 " + y + "H" + CHART_WIDTH);
  }

  /** Opens the drawing's {@code <svg>}, its text alternative in {@code aria-label}. */
  private static void svg(HtmlStream html, String css, int width, int height, String label) {
    html.start("svg", "class", css, "viewBox", "0 0 " + width + " " + height, "role", "img",
        "aria-label", label);
  }

  /** Runs spread evenly over the width, the oldest on the left; a single run in the middle. */
  static int x(int index, int count) {
    if (count == 1) {
      return CHART_WIDTH / 2;
    }
    return 2 + (int) Math.round(index * (CHART_WIDTH - 4.0) / (count - 1));
  }

  static int y(long latencyMs, long top) {
    double plot = CHART_HEIGHT - 2.0 * CHART_PAD;
    return CHART_HEIGHT - CHART_PAD - (int) Math.round(Math.min(latencyMs, top) * plot / top);
  }

  /** The chart's top: the highest latency rounded up to 1, 2 or 5 times a power of ten, at least 10 ms. */
  static long scaleTop(long max) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * step >= Math.max(max, 10)) {
          return m * step;
        }
      }
      step *= 10;
    }
  }
}
