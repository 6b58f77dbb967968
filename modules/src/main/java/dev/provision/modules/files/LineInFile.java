package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import dev.provision.modules.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code lineinfile} edit, on text in memory, step for step as its {@code present()} and
 * {@code absent()} do it (lines keep their line ends; a regexp is searched, not matched; the last
 * match wins unless {@code firstmatch}). Pure, so the plan and the apply compute the same text.
 */
public final class LineInFile {

  /** What the edit asks. {@code insertAfter}/{@code insertBefore}: null, "EOF"/"BOF", or a regexp. */
  public record Spec(Pattern regexp, String searchString, String line, boolean backrefs, String insertAfter,
      String insertBefore, boolean firstMatch) {}

  /** The new text and what happened: {@code added}, {@code replaced}, {@code removed} (a count), or nothing. */
  public record Outcome(String text, String what, int removed) {
    public boolean changed() {
      return what != null;
    }
  }

  private LineInFile() {}

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  private static String stripEnd(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  public static Outcome present(String text, Spec spec) throws ModuleException {
    List<String> lines = lines(text);
    String after = spec.insertAfter();
    String before = spec.insertBefore();
    Pattern insert = after != null && !after.equals("BOF") && !after.equals("EOF")
        ? PythonRegex.compile("insertafter", after)
        : before != null && !before.equals("BOF") ? PythonRegex.compile("insertbefore", before) : null;
    int matchIndex = -1;
    int insertIndex = -1;
    Matcher match = null;
    boolean found = false;
    if (spec.regexp() != null) {
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = spec.regexp().matcher(lines.get(i));
        if (m.find()) {
          matchIndex = i;
          match = m;
          found = true;
          if (spec.firstMatch()) {
            break;
          }
        }
      }
    }
    if (spec.searchString() != null) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(spec.searchString())) {
          matchIndex = i;
          found = true;
          if (spec.firstMatch()) {
            break;
          }
        }
      }
    }
    if (!found) {
      for (int i = 0; i < lines.size(); i++) {
        if (spec.line().equals(stripEnd(lines.get(i)))) {
          matchIndex = i;
        } else if (insert != null && insert.matcher(lines.get(i)).find()) {
          insertIndex = after != null ? i + 1 : i;
          if (spec.firstMatch()) {
            break;
          }
        }
      }
    }
    String newline = spec.line() + "\n";
    if (matchIndex != -1) {
      String replacement = spec.backrefs() && match != null ? PythonRegex.expand(match, spec.line()) : spec.line();
      if (!replacement.endsWith("\n")) {
        replacement += "\n";
      }
      if (lines.get(matchIndex).equals(replacement)) {
        return new Outcome(text, null, 0);
      }
      lines.set(matchIndex, replacement);
      return new Outcome(String.join("", lines), "replaced", 0);
    }
    if (spec.backrefs()) {
      // Ansible changes nothing: without a match there is nothing to fill the backreferences
      return new Outcome(text, null, 0);
    }
    if ("BOF".equals(before) || "BOF".equals(after)) {
      lines.add(0, newline);
    } else if ("EOF".equals(after) || insertIndex == -1) {
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n") && !lines.get(lines.size() - 1).endsWith("\r")) {
        lines.add("\n");
      }
      lines.add(newline);
    } else if (after != null) {
      if (insertIndex == lines.size()) {
        if (stripEnd(lines.get(insertIndex - 1)).equals(spec.line())) {
          return new Outcome(text, null, 0);
        }
        lines.add(newline);
      } else if (stripEnd(lines.get(insertIndex)).equals(spec.line())) {
        return new Outcome(text, null, 0);
      } else {
        lines.add(insertIndex, newline);
      }
    } else {
      lines.add(insertIndex, newline);
    }
    return new Outcome(String.join("", lines), "added", 0);
  }

  public static Outcome absent(String text, Spec spec) {
    List<String> kept = new ArrayList<>();
    int removed = 0;
    for (String line : lines(text)) {
      boolean hit = spec.regexp() != null ? spec.regexp().matcher(line).find()
          : spec.searchString() != null ? line.contains(spec.searchString())
          : spec.line().equals(stripEnd(line));
      if (hit) {
        removed++;
      } else {
        kept.add(line);
      }
    }
    return removed == 0 ? new Outcome(text, null, 0) : new Outcome(String.join("", kept), "removed", removed);
  }
}
