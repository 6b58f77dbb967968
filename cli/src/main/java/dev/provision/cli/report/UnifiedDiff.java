package dev.provision.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff (LCS), enough for files and manifests of a few thousand lines. Larger
 * inputs are summarised rather than diffed, to keep memory bounded.
 */
public final class UnifiedDiff {

  private static final int MAX_CELLS = 4_000_000;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  public static List<String> lines(String header, String before, String after) {
    List<String> a = split(before);
    List<String> b = split(after);
    List<String> out = new ArrayList<>();
    out.add("--- before: " + header);
    out.add("+++ after: " + header);
    if ((long) a.size() * b.size() > MAX_CELLS) {
      out.add("@@ " + a.size() + " lines -> " + b.size() + " lines (too large to diff) @@");
      return out;
    }
    List<String> edits = edits(a, b);
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).charAt(0) == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
        if (edits.get(end).charAt(0) != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      out.add("@@");
      out.addAll(edits.subList(start, end));
      i = end;
    }
    return out;
  }

  private static List<String> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        out.add(" " + a.get(i));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add("-" + a.get(i++));
      } else {
        out.add("+" + b.get(j++));
      }
    }
    while (i < n) {
      out.add("-" + a.get(i++));
    }
    while (j < m) {
      out.add("+" + b.get(j++));
    }
    return out;
  }

  private static List<String> split(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String[] parts = text.split("\n", -1);
    int count = text.endsWith("\n") ? parts.length - 1 : parts.length;
    return java.util.Arrays.asList(parts).subList(0, count);
  }
}
