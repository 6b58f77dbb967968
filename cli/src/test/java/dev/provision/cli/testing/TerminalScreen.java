package dev.provision.cli.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays what a program wrote to a terminal of a given width, as a terminal would: printable
 * characters at the cursor (wrapping at the right edge), CR, LF, and the ANSI sequences the CLI
 * uses (colours, {@code ESC[K} erase to the end of the line, {@code ESC[nA} cursor up, {@code ESC[J}
 * erase below). What remains on the screen is what a person sees at the end; {@link #wraps()}
 * counts lines that ran past the right edge, which is where a redraw leaves stale fragments.
 */
public final class TerminalScreen {

  private final int width;
  private final List<StringBuilder> rows = new ArrayList<>();
  private int row;
  private int col;
  private int wraps;

  public TerminalScreen(int width) {
    this.width = width;
    rows.add(new StringBuilder());
  }

  public static TerminalScreen replay(String output, int width) {
    TerminalScreen screen = new TerminalScreen(width);
    screen.write(output);
    return screen;
  }

  public void write(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int next = i + Character.charCount(c);
      if (c == 0x1b && next < s.length() && s.charAt(next) == '[') {
        int end = next + 1;
        while (end < s.length() && (s.charAt(end) < 0x40 || s.charAt(end) > 0x7e)) {
          end++;
        }
        if (end < s.length()) {
          csi(s.substring(next + 1, end), s.charAt(end));
        }
        i = end + 1;
        continue;
      }
      if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        moveTo(row + 1);
      } else if (c >= 0x20 && c != 0x7f) {
        if (col >= width) {
          wraps++;
          moveTo(row + 1);
          col = 0;
        }
        put(new String(Character.toChars(c)));
        col++;
      }
      i = next;
    }
  }

  private void csi(String params, char command) {
    int n = params.isEmpty() ? 1 : Integer.parseInt(params.replaceAll("[^0-9].*", "").isEmpty() ? "1"
        : params.replaceAll("[^0-9].*", ""));
    switch (command) {
      case 'A' -> row = Math.max(0, row - n);
      case 'K' -> truncate(rows.get(row), col);
      case 'J' -> {
        truncate(rows.get(row), col);
        while (rows.size() > row + 1) {
          rows.remove(rows.size() - 1);
        }
      }
      default -> { } // colours and the like do not move the cursor
    }
  }

  private void moveTo(int r) {
    row = r;
    while (rows.size() <= row) {
      rows.add(new StringBuilder());
    }
  }

  private void put(String ch) {
    StringBuilder line = rows.get(row);
    int cps = line.codePointCount(0, line.length());
    while (cps < col) {
      line.append(' ');
      cps++;
    }
    if (cps == col) {
      line.append(ch);
    } else {
      int start = line.offsetByCodePoints(0, col);
      int end = line.offsetByCodePoints(start, 1);
      line.replace(start, end, ch);
    }
  }

  private static void truncate(StringBuilder line, int col) {
    int cps = line.codePointCount(0, line.length());
    if (cps > col) {
      line.setLength(line.offsetByCodePoints(0, col));
    }
  }

  /** The lines on the screen now, trailing spaces removed. */
  public List<String> lines() {
    return rows.stream().map(r -> r.toString().stripTrailing()).toList();
  }

  public int wraps() {
    return wraps;
  }
}
