package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import dev.provision.modules.text.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ansible's {@code blockinfile} edit on text in memory, step for step: the block between the last
 * begin and end marker lines is replaced (or removed); without both markers it goes after the last
 * line matching {@code insertafter} (or before the last matching {@code insertbefore}), else at the
 * end (or {@code BOF}: the start). Pure, so the plan and the apply compute the same text.
 */
public final class BlockInFile {

  /** {@code block} empty or null removes the block, as Ansible does. */
  public record Spec(String beginMarker, String endMarker, String block, String insertAfter, String insertBefore) {}

  private BlockInFile() {}

  public static String apply(String text, Spec spec) throws ModuleException {
    List<String> lines = new ArrayList<>(LineInFile.lines(text));
    String after = spec.insertAfter();
    String before = spec.insertBefore();
    if (after == null && before == null) {
      after = "EOF";
    }
    Pattern insert = after != null && !after.equals("EOF") ? PythonRegex.compile("insertafter", after)
        : before != null && !before.equals("BOF") ? PythonRegex.compile("insertbefore", before) : null;
    String begin = spec.beginMarker() + "\n";
    String end = spec.endMarker() + "\n";
    List<String> blockLines = new ArrayList<>();
    if (spec.block() != null && !spec.block().isEmpty()) {
      String block = spec.block().endsWith("\n") || spec.block().endsWith("\r") ? spec.block() : spec.block() + "\n";
      blockLines.add(begin);
      blockLines.addAll(LineInFile.lines(block));
      blockLines.add(end);
    }
    Integer n0 = null;
    Integer n1 = null;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(begin)) {
        n0 = i;
      }
      if (lines.get(i).equals(end)) {
        n1 = i;
      }
    }
    int at;
    if (n0 == null || n1 == null) {
      if (insert != null) {
        Integer found = null;
        for (int i = 0; i < lines.size(); i++) {
          if (insert.matcher(lines.get(i)).find()) {
            found = i;
          }
        }
        at = found == null ? lines.size() : after != null ? found + 1 : found;
      } else if (before != null) {
        at = 0;
      } else {
        at = lines.size();
      }
    } else if (n0 < n1) {
      lines.subList(n0, n1 + 1).clear();
      at = n0;
    } else {
      lines.subList(n1, n0 + 1).clear();
      at = n1;
    }
    if (at > 0 && !lines.get(at - 1).endsWith("\n")) {
      lines.set(at - 1, lines.get(at - 1) + "\n");
    }
    lines.addAll(at, blockLines);
    return String.join("", lines);
  }
}
