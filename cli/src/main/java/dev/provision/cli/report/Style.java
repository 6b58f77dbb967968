package dev.provision.cli.report;

/** ANSI styling, on only for a terminal and when NO_COLOR is not set (https://no-color.org). */
public final class Style {

  private final boolean enabled;

  public Style(boolean enabled) {
    this.enabled = enabled;
  }

  public static Style detect(boolean forceOff, Terminal terminal) {
    String noColor = System.getenv("NO_COLOR");
    return new Style(!forceOff && terminal.tty() && (noColor == null || noColor.isEmpty()));
  }

  public boolean enabled() {
    return enabled;
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\033[" + code + "m" + s + "\033[0m" : s;
  }
}
