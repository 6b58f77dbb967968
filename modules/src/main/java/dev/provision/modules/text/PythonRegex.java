package dev.provision.modules.text;

import dev.provision.module.ModuleException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression as Ansible's modules read it (Python's {@code re}), compiled for Java: named
 * groups {@code (?P<name>...)} and {@code (?P=name)} are rewritten, {@code .} and {@code $} know only
 * {@code \n} as a line end (as in Python), and {@link #expand} fills a Python replacement template
 * ({@code \1}, {@code \g<1>}, {@code \g<name>}) from a match, as {@code match.expand} does.
 */
public final class PythonRegex {

  private PythonRegex() {}

  /** Compiles {@code regex}; a syntax error names the parameter and where it is. */
  public static Pattern compile(String param, String regex) throws ModuleException {
    return compile(param, regex, 0);
  }

  /** The same with Java's {@code flags} too ({@link Pattern#MULTILINE} for Python's {@code re.MULTILINE}, {@link Pattern#DOTALL}). */
  public static Pattern compile(String param, String regex, int flags) throws ModuleException {
    String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    try {
      return Pattern.compile(java, Pattern.UNIX_LINES | flags);
    } catch (PatternSyntaxException e) {
      throw new ModuleException("`" + param + "` is not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex() + " of `" + regex + "`");
    }
  }

  /** Python's {@code match.expand(template)}: backslash group references and escapes; {@code $} is literal. */
  public static String expand(Matcher match, String template) throws ModuleException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '\\' || i + 1 == template.length()) {
        out.append(c);
        continue;
      }
      char next = template.charAt(++i);
      if (Character.isDigit(next)) {
        int end = i + 1;
        if (end < template.length() && Character.isDigit(template.charAt(end))) {
          end++;
        }
        out.append(group(match, template.substring(i, end), template));
        i = end - 1;
      } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
        int close = template.indexOf('>', i + 2);
        if (close < 0) {
          throw new ModuleException("unterminated group name in `" + template + "`");
        }
        out.append(group(match, template.substring(i + 2, close), template));
        i = close;
      } else {
        out.append(switch (next) {
          case 'n' -> "\n";
          case 't' -> "\t";
          case 'r' -> "\r";
          case '\\' -> "\\";
          default -> "\\" + next;
        });
      }
    }
    return out.toString();
  }

  private static String group(Matcher match, String ref, String template) throws ModuleException {
    try {
      String value = ref.chars().allMatch(Character::isDigit) ? match.group(Integer.parseInt(ref)) : match.group(ref);
      return value == null ? "" : value;
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new ModuleException("`" + template + "` refers to group " + ref + ", which the regexp does not have");
    }
  }
}
