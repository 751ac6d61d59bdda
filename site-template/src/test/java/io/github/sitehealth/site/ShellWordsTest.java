package io.github.sitehealth.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values filled into shell commands, run by a real bash: each comes back as itself, whatever the
 * quotes around its place, and a value written to break out ({@code '}, {@code "}, {@code $(...)},
 * backquotes, {@code ;}, {@code &}) runs nothing.
 */
class ShellWordsTest {

  /** Writes a file named canary-N in the working directory if any part of it runs. */
  private static final String HOSTILE = "https://a.test/x?a=1&b=2;>canary-1 |>canary-2"
      + " '>canary-3' \">canary-4\" $(>canary-5) `>canary-6` ${IFS}*~!x \\ \t%";

  private static final List<String> VALUES = List.of(
      "https://www.example.com/",
      "https://a.test/?x=1&y=2",
      "https://a.test/it's",
      "",
      " leading and trailing ",
      "a\"b\\c$HOME`d`!e",
      "line\nbreak",
      "*",
      "~root",
      HOSTILE);

  /** Places a value goes in a command, the command printing it back. */
  private static final List<String> PLACES = List.of(
      "printf '%s\\n' {{url}}",
      "printf '%s\\n' '{{url}}'",
      "printf '%s\\n' \"{{url}}\"",
      "printf '%s\\n' \"<{{url}}>\" | cut -c2- | rev | cut -c2- | rev",
      "printf '%s\\n' \"$(printf '%s' {{url}})\"",
      "printf '%s\\n' \"$(printf '%s' \"{{url}}\")\"",
      "printf '%s\\n' \"$(printf '%s' '{{url}}')\"",
      "printf '%s\\n' $'\\x41'x{{url}}x | cut -c3- | rev | cut -c2- | rev",
      "printf '%s\\n' \"`printf '%s' {{url}}`\"",
      "printf '%s\\n' pre{{url}}post | cut -c4- | rev | cut -c5- | rev",
      // here-documents (POSIX §2.7.4): expanded, not expanded, tabs stripped, after a comment
      "cat <<EOF\n{{url}}\nEOF",
      "cat <<'EOF'\n{{url}}\nEOF",
      "cat <<-\"END\"\n\t{{url}}\n\tEND",
      "cat <<EOF # the URL\n{{url}}\nEOF\nprintf ''");

  @TempDir Path dir;

  @Test
  void everyValueComesBackAsItselfInEveryPlace() throws Exception {
    requireBash();
    for (String place : PLACES) {
      for (String value : VALUES) {
        if ((place.contains("cut") || place.contains("<<")) && value.contains("\n")) {
          continue; // cut and rev work line by line; a here-document shows a line break escaped
        }
        String command = filled(place, value);
        Result r = bash(command, false);
        assertThat(r.out()).as("%s%nran as: %s", place, command).isEqualTo(value + "\n");
        assertThat(canaries()).as("%s", command).isEmpty();
      }
    }
  }

  @Test
  void anExclamationMarkInDoubleQuotesIsNoHistoryExpansion() throws Exception {
    requireBash();
    String command = filled("printf '%s\\n' \"{{url}}\"", "https://a.test/!x!!");

    // what an interactive shell does with a pasted line: expand history first
    Result r = bash(command, true);

    assertThat(r.err()).doesNotContain("event not found");
    assertThat(r.out()).isEqualTo("https://a.test/!x!!\n");
  }

  @Test
  void aValueInACommentStaysInTheComment() throws Exception {
    requireBash();
    String command = filled("printf '%s\\n' ok   # the edge {{url}}", "x\n>canary-7 \n");

    assertThat(bash(command, false).out()).isEqualTo("ok\n");
    assertThat(canaries()).isEmpty();
    assertThat(command).contains("# the edge x\\n>canary-7 \\n");
  }

  @Test
  void aLineBreakInAHereDocumentCannotEndIt() throws Exception {
    requireBash();
    String command = filled("cat <<EOF\n{{url}}\nEOF", "x\nEOF\n>canary-8 echo");

    assertThat(bash(command, false).out()).isEqualTo("x\\nEOF\\n>canary-8 echo\n");
    assertThat(canaries()).isEmpty();
  }

  @Test
  void aShellFenceIsShellInAnyCase() {
    assertThat(new Runbook.Command("Bash", "x").shell()).isTrue();
    assertThat(new Runbook.Command("SH", "x").shell()).isTrue();
    assertThat(new Runbook.Command("nginx", "x").shell()).isFalse();
  }

  @Test
  void safeValuesAreLeftUnquoted() {
    assertThat(ShellWords.quote("https://www.example.com/a,b@c%20=+", ShellWords.Context.UNQUOTED))
        .isEqualTo("https://www.example.com/a,b@c%20=+");
    assertThat(ShellWords.quote("www.example.com:443:2001:db8::1", ShellWords.Context.UNQUOTED))
        .isEqualTo("www.example.com:443:2001:db8::1");
    assertThat(ShellWords.quote("a&b", ShellWords.Context.UNQUOTED)).isEqualTo("'a&b'");
    assertThat(ShellWords.quote("it's", ShellWords.Context.UNQUOTED)).isEqualTo("'it'\\''s'");
  }

  /**
   * Every shell command of every default runbook, each placeholder filled with the hostile value,
   * is valid shell and, run with every command unknown (bash's {@code command_not_found_handle}
   * answers for curl, dig, openssl and the rest), runs none of the value.
   */
  @Test
  void theDefaultRunbooksCommandsRunNoneOfAHostileValue() throws Exception {
    requireBash();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    Placeholders.KNOWN.forEach(p -> values.put(p.name(), HOSTILE));
    int commands = 0;
    for (Runbook runbook : RunbookLibrary.defaults().runbooks()) {
      for (Runbook.Command command : runbook.commands("")) {
        if (!command.shell()) {
          continue;
        }
        Element code = new Element("code");
        Placeholders.fill(code, command, values);
        String filled = code.wholeText();
        Result r = bash("command_not_found_handle() { return 0; }\nPATH=/nonexistent\n" + filled,
            false);
        assertThat(r.err()).as("%s: %s", runbook.fileName(), filled).doesNotContain("syntax error");
        assertThat(canaries()).as("%s: %s", runbook.fileName(), filled).isEmpty();
        commands++;
      }
    }
    assertThat(commands).as("shell blocks with placeholders in the default runbooks").isGreaterThan(30);
  }

  private static String filled(String template, String value) {
    Element code = new Element("code");
    Placeholders.fill(code, new Runbook.Command("bash", template), Map.of("url", value));
    return code.wholeText();
  }

  private List<String> canaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("canary")).toList();
    }
  }

  private record Result(String out, String err) {}

  /** Runs the command in a bash reading it from stdin, in the temporary directory, for 20 s at most. */
  private Result bash(String command, boolean historyExpansion) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder("bash", "-s")
        .directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    List<String> script = new ArrayList<>();
    if (historyExpansion) {
      script.add("set -o history -o histexpand");
    }
    script.add(command);
    try (var in = p.getOutputStream()) {
      in.write((String.join("\n", script) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bash did not finish in 20 s: " + command);
    }
    Result r = new Result(Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private static void requireBash() {
    boolean present = Files.isExecutable(Path.of("/bin/bash"))
        || Files.isExecutable(Path.of("/usr/bin/bash"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("bash is required under CI=true");
    }
    assumeThat(present).as("bash is not installed: the commands cannot be run").isTrue();
  }
}
