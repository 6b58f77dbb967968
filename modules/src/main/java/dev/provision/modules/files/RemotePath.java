package dev.provision.modules.files;

import dev.provision.connection.Shell;
import dev.provision.module.ModuleException;

/**
 * A path on the managed host, as written in a playbook: absolute, or under the login home
 * ({@code ~} or {@code ~/...}, expanded by the host's shell). {@link #shell()} is the only form
 * that may reach a command line: the home part is {@code "$HOME"}, the rest is quoted.
 */
public record RemotePath(String text) {

  public static RemotePath of(String param, String text) throws ModuleException {
    if (text == null || text.isBlank()) {
      throw new ModuleException("`" + param + "` is empty");
    }
    if (text.indexOf('\0') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new ModuleException("`" + param + "` holds a control character (newline or NUL): not a usable path");
    }
    if (!text.startsWith("/") && !text.equals("~") && !text.startsWith("~/")) {
      throw new ModuleException("`" + param + "` must be an absolute path (or start with ~/), not `" + text + "`");
    }
    String clean = text.length() > 1 && text.endsWith("/") ? text.replaceAll("/+$", "") : text;
    return new RemotePath(clean.isEmpty() ? "/" : clean);
  }

  /** The path as a shell word, safe to paste into a command. */
  public String shell() {
    if (text.equals("~")) {
      return "\"$HOME\"";
    }
    if (text.startsWith("~/")) {
      return "\"$HOME\"/" + Shell.quote(text.substring(2));
    }
    return Shell.quote(text);
  }

  /** The directory holding this path. */
  public RemotePath parent() {
    int slash = text.lastIndexOf('/');
    if (text.equals("/") || text.equals("~")) {
      return this;
    }
    if (slash == 0) {
      return new RemotePath("/");
    }
    String head = text.substring(0, slash);
    return new RemotePath(head.isEmpty() ? "/" : head);
  }

  public String fileName() {
    return text.substring(text.lastIndexOf('/') + 1);
  }

  public RemotePath child(String name) {
    return new RemotePath(text.endsWith("/") ? text + name : text + "/" + name);
  }

  /** The root directory or the home directory itself: never deleted or replaced. */
  public boolean isRootOrHome() {
    return text.equals("/") || text.equals("~") || text.matches("/+");
  }

  @Override
  public String toString() {
    return text;
  }
}
