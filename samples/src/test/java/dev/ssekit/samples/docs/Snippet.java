package dev.ssekit.samples.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ends of a documented snippet. In a Java source, a region:
 *
 * <pre>
 * // begin-snippet: name
 * ...code...
 * // end-snippet
 * </pre>
 *
 * and in Markdown, a {@code ```java} block right after the line {@code <!-- snippet:
 * path/from/root/File.java#name -->}. The block shows the region without the indentation its lines
 * share.
 */
final class Snippet {
  static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
  private static final Pattern BEGIN = Pattern.compile("//\\s*begin-snippet:\\s*(\\S+)");
  private static final String END = "// end-snippet";

  private Snippet() {}

  /** A {@code ```java} block of a page: where it is, the source it names (or null), its text. */
  record Block(Path page, int line, String source, String region, int firstLine, int endLine,
      String text) {
    String where() {
      return Docs.name(page) + ":" + line;
    }
  }

  /** The Java blocks of a page; {@code firstLine}/{@code endLine} bound the text (0-based). */
  static List<Block> blocks(Path page, List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    boolean inOtherFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```")) {
        continue;
      }
      if (inOtherFence) {
        inOtherFence = false;
        continue;
      }
      if (!line.substring(3).strip().equals("java")) {
        inOtherFence = true;
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
      boolean marked = marker != null && marker.matches();
      StringBuilder text = new StringBuilder();
      for (String l : lines.subList(i + 1, Math.min(end, lines.size()))) {
        text.append(l).append('\n');
      }
      blocks.add(
          new Block(
              page,
              i + 1,
              marked ? marker.group(1) : null,
              marked ? marker.group(2) : null,
              i + 1,
              end,
              text.toString()));
      i = end;
    }
    return blocks;
  }

  /**
   * The regions of a source by name, dedented; a region left open or begun twice is reported in
   * {@code problems}.
   */
  static Map<String, String> regions(Path source, List<String> lines, List<String> problems) {
    Map<String, String> regions = new LinkedHashMap<>();
    String name = null;
    int begun = 0;
    List<String> region = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Matcher begin = BEGIN.matcher(line);
      if (begin.matches()) {
        if (name != null) {
          problems.add(where(source, i) + ": begin-snippet inside region \"" + name + "\"");
        }
        name = begin.group(1);
        begun = i;
        region.clear();
      } else if (line.equals(END)) {
        if (name == null) {
          problems.add(where(source, i) + ": end-snippet without begin-snippet");
        } else if (regions.put(name, dedent(region)) != null) {
          problems.add(where(source, begun) + ": a second region named \"" + name + "\"");
        }
        name = null;
      } else if (name != null) {
        region.add(lines.get(i));
      }
    }
    if (name != null) {
      problems.add(where(source, begun) + ": region \"" + name + "\" has no end-snippet");
    }
    return regions;
  }

  /** The lines without the indentation they share, as a block shows them. */
  static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }

  private static String where(Path source, int index) {
    return Docs.name(source) + ":" + (index + 1);
  }
}
