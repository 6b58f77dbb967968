package dev.provision.modules.kube;

import dev.provision.module.ModuleException;
import java.util.regex.Pattern;

/**
 * The checks an object's name and namespace pass before they become part of a request path: the API
 * server refuses the same names, but a name such as {@code ../../secrets} must never reach a URL, so it
 * is refused here, with the rule.
 */
public final class ObjectNames {

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private ObjectNames() {}

  /** A name: not empty, not {@code .} or {@code ..}, no {@code / % ? #}, no space or control character. */
  public static String name(String name, String where) throws ModuleException {
    boolean bad = name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.length() > 253;
    for (int i = 0; !bad && i < name.length(); i++) {
      char c = name.charAt(i);
      bad = c == '/' || c == '%' || c == '?' || c == '#' || c == '\\' || Character.isWhitespace(c) || c < 0x20
          || c == 0x7f;
    }
    if (bad) {
      throw new ModuleException("`" + name + "` is not a valid object name for " + where
          + ": a name is 1-253 characters without / % ? # \\ or spaces, and not . or ..");
    }
    return name;
  }

  /** A namespace: a DNS label (lower-case letters, digits and '-', at most 63). */
  public static String namespace(String namespace, String where) throws ModuleException {
    if (namespace == null || namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
      throw new ModuleException("`" + namespace + "` is not a valid namespace for " + where
          + ": lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit");
    }
    return namespace;
  }
}
