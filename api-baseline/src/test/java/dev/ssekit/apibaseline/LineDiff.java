package dev.ssekit.apibaseline;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for reviewing API dumps: only the removed ({@code -}) and added ({@code +}) lines,
 * grouped in hunks, each hunk headed by the declaration it is in (the nearest earlier line that
 * starts in column 0, as {@code git diff} names the enclosing function).
 */
final class LineDiff {
  private LineDiff() {}

  /** The differences from {@code before} to {@code after}; empty when they are equal. */
  static List<String> of(List<String> before, List<String> after) {
    int n = before.size();
    int m = after.size();
    // lcs[i][j]: the longest common subsequence of before[i..] and after[j..]. The dumps are a few
    // thousand lines at most, so the quadratic table is small.
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            before.get(i).equals(after.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    boolean inHunk = false;
    while (i < n || j < m) {
      if (i < n && j < m && before.get(i).equals(after.get(j))) {
        i++;
        j++;
        inHunk = false;
        continue;
      }
      boolean remove = j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]);
      if (!inHunk) {
        out.add(remove ? header(before, i) : header(after, j));
        inHunk = true;
      }
      if (remove) {
        out.add("-" + before.get(i++));
      } else {
        out.add("+" + after.get(j++));
      }
    }
    return out;
  }

  private static String header(List<String> lines, int index) {
    for (int k = index - 1; k >= 0; k--) {
      String line = lines.get(k);
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        return "@@ " + line + " @@";
      }
    }
    return "@@";
  }
}
