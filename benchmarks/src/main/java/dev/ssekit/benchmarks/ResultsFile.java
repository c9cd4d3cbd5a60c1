package dev.ssekit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the load-driver reports share: the table of every run, and the hand-written analysis at the
 * end of a results file, which a re-run keeps.
 */
public final class ResultsFile {
  /** Everything after this line of a results file is hand-written and kept when it is rewritten. */
  public static final String KEEP_MARKER = "<!-- hand-written analysis below is kept on re-runs -->";

  private ResultsFile() {}

  /** Appends a markdown table with the given columns, one row per run (missing values empty). */
  public static void appendRunsTable(StringBuilder b, String[] cols, List<Map<String, String>> runs) {
    b.append('|');
    for (String c : cols) {
      b.append(' ').append(c).append(" |");
    }
    b.append("\n|");
    b.append("---|".repeat(cols.length));
    b.append('\n');
    for (Map<String, String> r : runs) {
      b.append('|');
      for (String c : cols) {
        b.append(' ').append(r.getOrDefault(c, "")).append(" |");
      }
      b.append('\n');
    }
  }

  /** Appends the marker and the hand-written analysis that {@code out} holds now, if any. */
  public static void appendKeptAnalysis(StringBuilder b, Path out) {
    b.append('\n').append(KEEP_MARKER).append('\n');
    try {
      if (Files.exists(out)) {
        String old = Files.readString(out);
        int at = old.indexOf(KEEP_MARKER);
        if (at >= 0) {
          b.append(old.substring(at + KEEP_MARKER.length() + 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      // A results file that cannot be read has no analysis to keep.
    }
  }
}
