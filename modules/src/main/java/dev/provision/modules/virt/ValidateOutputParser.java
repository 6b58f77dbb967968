package dev.provision.modules.virt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses virt-host-validate's stdout, in any language, into checks. A line is
 * {@code "%6s: Checking %-60s: " + RESULT}, where the whole format is translated (French puts a
 * no-break space before each colon) and RESULT is {@code LEVEL} or {@code LEVEL (hint)} in the
 * same language. So the parser finds the first ": " after which the rest is a known level word
 * (optionally with a hint), rather than trusting fixed columns (widths count bytes) or the words.
 * Lines with no prefix (bare {@code FAIL (hint)}, older libvirt) and ANSI colours are handled.
 */
public final class ValidateOutputParser {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final Pattern SEPARATOR = Pattern.compile("\u00a0?: ");
  private static final Pattern RESULT = Pattern.compile("(\\S+)(?:\\s*[(（](.*)[)）])?");

  private ValidateOutputParser() {}

  public static List<ValidationCheck> parse(String stdout) {
    List<ValidationCheck> checks = new ArrayList<>();
    for (String raw : stdout.split("\n")) {
      String line = ANSI.matcher(raw).replaceAll("").replace("\r", "");
      if (!trim(line).isEmpty()) {
        checks.add(parseLine(line));
      }
    }
    return checks;
  }

  static ValidationCheck parseLine(String line) {
    Matcher sep = SEPARATOR.matcher(line);
    int lastStart = -1;
    int lastEnd = -1;
    while (sep.find()) {
      Optional<ValidationCheck> check = asResult(line.substring(0, sep.start()), line.substring(sep.end()));
      if (check.isPresent()) {
        return check.get();
      }
      lastStart = sep.start();
      lastEnd = sep.end();
    }
    Optional<ValidationCheck> bare = asResult("", line);
    if (bare.isPresent()) {
      return bare.get();
    }
    // Not a line we understand: keep it whole so it is still reported.
    if (lastStart >= 0) {
      return check(line.substring(0, lastStart), CheckLevel.UNKNOWN, trim(line.substring(lastEnd)));
    }
    return check("", CheckLevel.UNKNOWN, trim(line));
  }

  private static Optional<ValidationCheck> asResult(String prefix, String result) {
    Matcher m = RESULT.matcher(trim(result));
    if (!m.matches()) {
      return Optional.empty();
    }
    return CheckLevel.fromWord(m.group(1))
        .map(level -> check(prefix, level, m.group(2) == null ? "" : m.group(2).trim()));
  }

  private static ValidationCheck check(String prefix, CheckLevel level, String hint) {
    String hypervisor = "";
    String message = trim(prefix);
    Matcher sep = SEPARATOR.matcher(prefix);
    if (sep.find()) {
      String head = trim(prefix.substring(0, sep.start()));
      if (!head.isEmpty() && !head.contains(" ")) {
        hypervisor = head;
        message = trim(prefix.substring(sep.end()));
      }
    }
    for (String word : CheckNames.CHECKING_WORDS) {
      if (message.startsWith(word + " ")) {
        message = trim(message.substring(word.length()));
        break;
      }
    }
    return new ValidationCheck(hypervisor, message, CheckNames.english(message), level, hint);
  }

  /** Trims ASCII white space and the no-break space French output uses. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isBlank(s.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || c == '\u00a0';
  }
}
