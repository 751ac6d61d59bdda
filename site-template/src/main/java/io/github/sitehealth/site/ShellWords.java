package io.github.sitehealth.site;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Puts a value into a shell command so that it stays literal text, whatever the quoting around the
 * place it goes: {@code curl -sI {{url}}}, {@code '{{url}}'}, {@code "{{url}}"} and {@code "$(dig
 * {{host}})"} each get what that place needs (POSIX shell, "Shell Command Language" §2.2 Quoting
 * and §2.6.3 Command Substitution; bash's history expansion of {@code !} inside double quotes). A
 * URL with {@code &}, {@code '}, {@code $(...)} or a space in it is one word that runs nothing.
 *
 * <p>Read a command left to right with {@link #advance}, then {@link #quote} each value in the
 * state reached at its place.
 */
final class ShellWords {

  /** What kind of text the shell is reading at a place in a command. */
  enum Context {
    /** Outside quotes, also inside {@code $(...)}: a value becomes one word. */
    UNQUOTED,
    /** Between single quotes: nothing is special but the closing quote. */
    SINGLE,
    /** Between double quotes: {@code $}, {@code `}, {@code \}, {@code "} (and {@code !}). */
    DOUBLE,
    /** Inside backquotes: a backslash before {@code $}, {@code `} or {@code \} is removed first. */
    BACKQUOTE,
    /** After {@code #} at the start of a word: the rest of the line is not run. */
    COMMENT,
    /**
     * The body of a here-document whose delimiter is not quoted: {@code $}, {@code `} and {@code
     * \} are special, quotes are not (§2.7.4).
     */
    HEREDOC,
    /** The body of a here-document with a quoted delimiter ({@code <<'EOF'}): nothing is special. */
    HEREDOC_QUOTED
  }

  /** shlex's safe characters: a word of only these needs no quotes. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private final Deque<Frame> frames = new ArrayDeque<>();
  private boolean wordStart = true;
  /** Here-documents announced on the current line, their bodies to start at its end. */
  private final Deque<Heredoc> announced = new ArrayDeque<>();
  /** The here-document being read, and what of its current line was read so far. */
  private Heredoc heredoc;
  private final StringBuilder heredocLine = new StringBuilder();

  /** A here-document's delimiter, whether it was quoted, and whether tabs before it go. */
  private record Heredoc(String delimiter, boolean quoted, boolean stripTabs) {}

  /** A shell context and, for {@code $(...)}, the open parentheses inside it. */
  private static final class Frame {
    final Context context;
    final boolean substitution;
    int parentheses;

    Frame(Context context, boolean substitution) {
      this.context = context;
      this.substitution = substitution;
    }
  }

  ShellWords() {
    frames.push(new Frame(Context.UNQUOTED, false));
  }

  /** The context at the end of what was read so far. */
  Context context() {
    if (heredoc != null) {
      return heredoc.quoted() ? Context.HEREDOC_QUOTED : Context.HEREDOC;
    }
    return frames.peek().context;
  }

  /**
   * Reads literal command text, following quotes, substitutions, comments and here-documents.
   * A value filled into a here-document's line counts as part of that line (it cannot end it: its
   * line breaks are escaped).
   */
  void advance(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (heredoc != null) {
        heredocBody(c);
        continue;
      }
      if (c == '\n' && !announced.isEmpty()
          && (frames.size() == 1 || frames.size() == 2 && frames.peek().context == Context.COMMENT)) {
        if (frames.size() == 2) {
          frames.pop();
        }
        heredoc = announced.removeFirst();
        heredocLine.setLength(0);
        wordStart = true;
        continue;
      }
      Frame top = frames.peek();
      if (top.context == Context.UNQUOTED && c == '<' && next(text, i) == '<'
          && (i + 2 >= text.length() || text.charAt(i + 2) != '<')) {
        i = announce(text, i + 2);
        continue;
      }
      switch (top.context) {
        case SINGLE -> {
          if (c == '\'') {
            frames.pop();
          }
        }
        case DOUBLE -> {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            frames.pop();
          } else if (c == '$' && next(text, i) == '(') {
            frames.push(new Frame(Context.UNQUOTED, true));
            i++;
          } else if (c == '`') {
            frames.push(new Frame(Context.BACKQUOTE, false));
          }
        }
        case COMMENT -> {
          if (c == '\n') {
            frames.pop();
            wordStart = true;
          }
        }
        default -> i = unquoted(text, i, top);
      }
    }
  }

  /** A character of a here-document's body: a line that is the delimiter ends it. */
  private void heredocBody(char c) {
    if (c != '\n') {
      heredocLine.append(c);
      return;
    }
    String line = heredocLine.toString();
    if (heredoc.stripTabs()) {
      line = line.replaceFirst("^\t+", "");
    }
    heredocLine.setLength(0);
    if (line.equals(heredoc.delimiter())) {
      heredoc = announced.pollFirst();
    }
  }

  /**
   * Reads {@code <<WORD}, {@code <<-WORD}, {@code <<'WORD'} or {@code <<"WORD"} from just after
   * the {@code <<}; returns the index last read.
   */
  private int announce(String text, int at) {
    int i = at;
    boolean stripTabs = i < text.length() && text.charAt(i) == '-';
    if (stripTabs) {
      i++;
    }
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    char quote = 0;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        quoted = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        quoted = true;
        word.append(text.charAt(++i));
      } else if (Character.isWhitespace(c) || ";|&<>()".indexOf(c) >= 0) {
        break;
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      announced.addLast(new Heredoc(word.toString(), quoted, stripTabs));
    }
    wordStart = false;
    return i - 1;
  }

  /** One character outside quotes (or inside backquotes); returns the index last read. */
  private int unquoted(String text, int i, Frame top) {
    char c = text.charAt(i);
    boolean start = wordStart;
    wordStart = Character.isWhitespace(c) || c == ';' || c == '|' || c == '&' || c == '('
        || c == ')';
    switch (c) {
      case '\\' -> {
        wordStart = false;
        return i + 1;
      }
      case '\'' -> frames.push(new Frame(Context.SINGLE, false));
      case '"' -> frames.push(new Frame(Context.DOUBLE, false));
      case '`' -> {
        if (top.context == Context.BACKQUOTE) {
          frames.pop();
        } else {
          frames.push(new Frame(Context.BACKQUOTE, false));
        }
      }
      case '#' -> {
        if (start) {
          frames.push(new Frame(Context.COMMENT, false));
        }
      }
      case '$' -> {
        if (next(text, i) == '(') {
          frames.push(new Frame(Context.UNQUOTED, true));
          wordStart = true;
          return i + 1;
        }
      }
      case '(' -> top.parentheses++;
      case ')' -> {
        if (top.parentheses > 0) {
          top.parentheses--;
        } else if (top.substitution) {
          frames.pop();
          wordStart = false;
        }
      }
      default -> { }
    }
    return i;
  }

  private static char next(String text, int i) {
    return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
  }

  /**
   * The value as it must be written at a place of the given context to read back as itself: as is
   * when it is only safe characters, else in single quotes (outside quotes), with each single
   * quote closed and reopened (inside single quotes), with {@code \ $ ` "} escaped and {@code !}
   * single-quoted (inside double quotes). In a comment nothing runs, but a line break would end
   * it, so control characters are shown escaped; in a here-document a line break is shown as
   * {@code \n}, and {@code \ $ `} are escaped unless its delimiter was quoted.
   */
  static String quote(String value, Context context) {
    return switch (context) {
      case UNQUOTED -> word(value);
      case SINGLE -> value.replace("'", "'\\''");
      case DOUBLE -> doubleQuoted(value);
      case BACKQUOTE -> word(value).replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$");
      case COMMENT -> escapeControls(value);
      case HEREDOC_QUOTED -> value.replace("\n", "\\n");
      case HEREDOC -> value.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\$")
          .replace("\n", "\\n");
    };
  }

  private static String word(String value) {
    return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }

  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\', '$', '`', '"' -> out.append('\\').append(c);
        case '!' -> out.append("\"'!'\"");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Control characters as escapes, so a value cannot end a line. */
  private static String escapeControls(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.CONTROL) {
        out.append(cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : cp == '\r' ? "\\r"
            : String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
