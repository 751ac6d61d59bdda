package io.github.sitehealth.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One runbook page.
 *
 * @param fileName the Markdown file's name, e.g. {@code 502-bad-gateway.md}
 * @param source whether it ships with site-health or comes from the team's directory
 * @param title from the front matter, else the first heading, else the file name
 * @param summary the front matter's one-line summary; may be empty
 * @param codes the finding codes the front matter says this page covers
 * @param sections the headings, in order, with their stable ids
 * @param html the rendered and sanitized content, without the page around it
 * @param commands by section id, the code blocks that use placeholders, as written; the status
 *     page fills them with a failing check's values
 *     (quoted for the shell when the block is one)
 */
public record Runbook(
    String fileName,
    Source source,
    String title,
    String summary,
    List<String> codes,
    List<Section> sections,
    String html,
    Map<String, List<Command>> commands) {

  /** Where a runbook comes from. */
  public enum Source {
    DEFAULT,
    TEAM
  }

  /**
   * A heading of the page.
   *
   * @param id the anchor, stable when written as {@code ## Heading {#id}}
   * @param level 1 to 6
   * @param title the heading's text
   */
  public record Section(String id, int level, String title) {}

  /**
   * A code block that uses placeholders.
   *
   * @param language the fenced block's info string ({@code bash}, {@code nginx}, ...), empty
   *     when it names none
   * @param text the block as written
   */
  public record Command(String language, String text) {

    /**
     * Whether the block is shell: {@code bash}, {@code sh}, {@code shell}, {@code zsh}, {@code
     * console} in any case ({@code Bash}), or no language at all (a runbook's unlabelled block with a placeholder in it is a
     * command to run, and quoting a value that needs none changes nothing).
     */
    public boolean shell() {
      return switch (language.toLowerCase(java.util.Locale.ROOT)) {
        case "", "bash", "sh", "shell", "zsh", "console" -> true;
        default -> false;
      };
    }
  }

  public Runbook {
    codes = List.copyOf(codes);
    sections = List.copyOf(sections);
    commands = Map.copyOf(commands);
  }

  /** A page without commands that use placeholders. */
  public Runbook(String fileName, Source source, String title, String summary, List<String> codes,
      List<Section> sections, String html) {
    this(fileName, source, title, summary, codes, sections, html, Map.of());
  }

  /**
   * The commands of a section and the sections under it (up to the next heading of its level or
   * higher), in page order; with an empty id, the whole page's.
   */
  public List<Command> commands(String sectionId) {
    List<Command> out = new ArrayList<>(commands.getOrDefault("", List.of()).stream()
        .filter(c -> sectionId.isEmpty()).toList());
    int level = 0;
    boolean inside = sectionId.isEmpty();
    for (Section s : sections) {
      if (s.id().equals(sectionId)) {
        inside = true;
        level = s.level();
      } else if (inside && level > 0 && s.level() <= level) {
        break;
      }
      if (inside) {
        out.addAll(commands.getOrDefault(s.id(), List.of()));
      }
    }
    return out;
  }

  /** The rendered page's file name, e.g. {@code 502-bad-gateway.html}. */
  public String pageName() {
    return fileName.substring(0, fileName.length() - ".md".length()) + ".html";
  }

  public Optional<Section> section(String id) {
    return sections.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
