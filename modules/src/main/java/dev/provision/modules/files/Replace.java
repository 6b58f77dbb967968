package dev.provision.modules.files;

import dev.provision.module.ModuleException;
import dev.provision.modules.text.PythonRegex;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code replace} edit on text in memory, as its {@code main()} does it: the section between
 * {@code after} and {@code before} (one DOTALL search of {@code AFTER(?P<subsection>.*?)BEFORE}, or
 * {@code AFTER(.*)} / {@code (.*)BEFORE} with only one), then {@code re.subn} of the MULTILINE
 * {@code regexp} in it, the replacement a Python template. Pure, so plan and apply compute the same text.
 */
final class Replace {

  /** {@code sectionFound}: false when after/before did not match (nothing is replaced then). */
  record Outcome(String text, int count, boolean sectionFound, String sectionPattern) {
    boolean changed(String before) {
      return count > 0 && !text.equals(before);
    }
  }

  private Replace() {}

  static Outcome apply(String contents, String regexp, String replace, String after, String before)
      throws ModuleException {
    String pattern = null;
    String param = after != null && !after.isEmpty() ? "after" : "before";
    boolean hasAfter = after != null && !after.isEmpty();
    boolean hasBefore = before != null && !before.isEmpty();
    if (hasAfter && hasBefore) {
      pattern = after + "(?P<subsection>.*?)" + before;
      param = "after/before";
    } else if (hasAfter) {
      pattern = after + "(?P<subsection>.*)";
    } else if (hasBefore) {
      pattern = "(?P<subsection>.*)" + before;
    }
    int start = 0;
    int end = contents.length();
    if (pattern != null) {
      Matcher section = PythonRegex.compile(param, pattern, Pattern.DOTALL).matcher(contents);
      if (!section.find()) {
        return new Outcome(contents, 0, false, pattern);
      }
      start = section.start("subsection");
      end = section.end("subsection");
    }
    Matcher m = PythonRegex.compile("regexp", regexp, Pattern.MULTILINE).matcher(contents.substring(start, end));
    StringBuilder out = new StringBuilder(contents.substring(0, start));
    String section = contents.substring(start, end);
    int last = 0;
    int count = 0;
    while (m.find()) {
      out.append(section, last, m.start()).append(PythonRegex.expand(m, replace));
      last = m.end();
      count++;
    }
    out.append(section.substring(last)).append(contents.substring(end));
    return new Outcome(out.toString(), count, true, pattern);
  }
}
