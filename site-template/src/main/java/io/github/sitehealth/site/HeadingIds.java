package io.github.sitehealth.site;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every heading an id. A heading that ends in {@code {#some-id}} gets exactly that id, so
 * links from findings ({@code dns.html#nxdomain}) never drift when the heading's words change;
 * any other heading gets a slug of its text. Only headings are looked at: braces in running text
 * (such as {@code ${env.TOKEN}}) stay text, unlike with Flexmark's attributes extension.
 */
final class HeadingIds {

  static final Pattern EXPLICIT = Pattern.compile("\\s*\\{#([A-Za-z][A-Za-z0-9_-]*)\\}\\s*$");

  private HeadingIds() {}

  /**
   * Assigns the ids on the parsed document.
   *
   * @param reserved ids the page template uses, which headings must not take
   * @param source the file name, for warnings
   * @return a warning per explicit id that had to be changed
   */
  static List<String> assign(Document document, Set<String> reserved, String source) {
    List<Heading> headings = new ArrayList<>();
    collect(document, headings);
    Set<String> taken = new HashSet<>(reserved);
    List<String> warnings = new ArrayList<>();
    List<Heading> implicit = new ArrayList<>();
    for (Heading heading : headings) {
      String explicit = stripExplicitId(heading);
      if (explicit == null) {
        implicit.add(heading);
      } else if (taken.add(explicit)) {
        setId(heading, explicit);
      } else {
        String id = unique(explicit, taken);
        warnings.add(source + ": the heading id #" + explicit + " is used twice or reserved; this"
            + " heading gets #" + id);
        setId(heading, id);
      }
    }
    for (Heading heading : implicit) {
      setId(heading, unique(slug(new TextCollectingVisitor().collectAndGetText(heading)), taken));
    }
    return warnings;
  }

  /** The id a heading's text yields: lower case ASCII letters, digits and dashes. */
  static String slug(String text) {
    String slug = words(text);
    if (slug.isEmpty() || !Character.isLetter(slug.charAt(0))) {
      slug = "section" + (slug.isEmpty() ? "" : "-" + slug);
    }
    return slug;
  }

  /** Lower case ASCII letters and digits of the text, joined by single dashes; may be empty. */
  static String words(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  private static String unique(String base, Set<String> taken) {
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static void setId(Heading heading, String id) {
    heading.setAnchorRefId(id);
    heading.setExplicitAnchorRefId(true);
  }

  /** Removes a trailing {@code {#id}} from the heading's text and returns the id, or null. */
  private static String stripExplicitId(Heading heading) {
    if (heading.getLastChild() instanceof Text text) {
      Matcher m = EXPLICIT.matcher(text.getChars());
      if (m.find()) {
        text.setChars(text.getChars().subSequence(0, m.start()));
        return m.group(1);
      }
    }
    return null;
  }

  private static void collect(Node node, List<Heading> out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Heading heading) {
        out.add(heading);
      } else {
        collect(child, out);
      }
    }
  }
}
