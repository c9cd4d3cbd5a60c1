package dev.ssekit.samples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's README.md, found next to this module's directory, split the way a reader sees it:
 * sections under headings and fenced code blocks. Tests that hold the README to the code use it, so
 * that a snippet that stops compiling or working fails the build instead of a user.
 */
final class Readme {
  /** The samples module's directory: Maven's {@code basedir}, or where the tests run. */
  static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

  static final Path FILE = MODULE_DIR.resolveSibling("README.md");

  private Readme() {}

  /** The README's text; skips the calling test when there is no README (a lone module copy). */
  static String text() throws IOException {
    Assumptions.assumeTrue(
        Files.isRegularFile(FILE),
        "README checks skipped: no README.md at " + FILE + " (they need the whole project)");
    return Files.readString(FILE, StandardCharsets.UTF_8);
  }

  /**
   * The lines after {@code heading} (a whole line, such as {@code "## Quickstart"}) up to the next
   * heading of the same or a higher level; headings inside code blocks do not count.
   */
  static String section(String markdown, String heading) {
    int level = heading.indexOf(' ');
    StringBuilder section = null;
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      if (!inCode && section != null && headingLevel(line) > 0 && headingLevel(line) <= level) {
        return section.toString();
      }
      if (section != null) {
        section.append(line).append('\n');
      } else if (!inCode && line.strip().equals(heading)) {
        section = new StringBuilder();
      }
    }
    if (section == null) {
      fail("README.md has no heading \"" + heading + "\"");
    }
    return section.toString();
  }

  /** The contents of each code block fenced as {@code ```language}, without the fences. */
  static List<String> codeBlocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean inOtherCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (block != null) {
        if (line.strip().equals("```")) {
          blocks.add(block.toString());
          block = null;
        } else {
          block.append(line).append('\n');
        }
      } else if (line.startsWith("```")) {
        if (!inOtherCode && line.substring(3).strip().equals(language)) {
          block = new StringBuilder();
        } else {
          inOtherCode = !inOtherCode;
        }
      }
    }
    return blocks;
  }

  private static int headingLevel(String line) {
    int level = 0;
    while (level < line.length() && line.charAt(level) == '#') {
      level++;
    }
    return level > 0 && level < line.length() && line.charAt(level) == ' ' ? level : 0;
  }
}
