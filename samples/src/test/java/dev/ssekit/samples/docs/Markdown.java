package dev.ssekit.samples.docs;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Markdown read the way a reader sees it: sections under headings, fenced code blocks. */
final class Markdown {
  private Markdown() {}

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
      fail("no heading \"" + heading + "\"");
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
