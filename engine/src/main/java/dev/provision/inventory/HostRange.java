package dev.provision.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host entry of an inventory file, as Ansible reads it: an optional {@code :port} suffix, and
 * {@code [start:end(:step)]} ranges, numeric (zero-padded when the start has a leading zero) or
 * alphabetic. {@code db[01:03]:2222} is three hosts on port 2222.
 */
public final class HostRange {

  private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
  private static final String NUM_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
  private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
  private static final String LABEL = "(?:[\\w]|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*(?<![_-])";
  private static final String V4 = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUM_RANGE + ")";
  private static final String V6 = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";

  private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$");
  private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)$");
  private static final Pattern HOSTNAME =
      Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern IPV4 = Pattern.compile("^(?:" + V4 + "\\.){3}" + V4 + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern IPV6 =
      Pattern.compile(
          ("^(?:(?:X:){7}X|(?:X:){1,6}:|(?:X:)(?::X){1,6}|(?:X:){2}(?::X){1,5}|(?:X:){3}(?::X){1,4}"
                  + "|(?:X:){4}(?::X){1,3}|(?:X:){5}(?::X){1,2}|(?:X:){6}(?::X)|:(?::X){1,6}|X?::"
                  + "|(?:0:){6}(?:X\\.){3}X|::(?:ffff:)?(?:X\\.){3}X|(?:0:){5}ffff:(?:X\\.){3}X)$")
              .replace("X", V6),
          Pattern.CASE_INSENSITIVE);

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** The expanded host names and the port that applies to all of them (null when none). */
  public record Expansion(List<String> hosts, Integer port) {}

  private HostRange() {}

  /** Whether Ansible would call this an IP address (used for inventory_hostname_short). */
  public static boolean isIpAddress(String name) {
    return IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
  }

  /** Ansible's parse_address(allow_ranges=True) succeeds: a host or IP, ranges allowed, optional port. */
  static boolean isAddress(String text) {
    String address = text;
    for (Pattern p : List.of(BRACKETED_HOSTPORT, HOSTPORT)) {
      Matcher m = p.matcher(address);
      if (m.matches()) {
        address = m.group(1);
      }
    }
    return IPV4.matcher(address).matches() || IPV6.matcher(address).matches() || HOSTNAME.matcher(address).matches();
  }

  /**
   * Splits the port off and expands ranges, like Ansible's {@code _expand_hostpattern}: a string that
   * is not a valid address is taken whole, without a port.
   *
   * @throws IllegalArgumentException with Ansible's wording when a range is malformed
   */
  public static Expansion expand(String entry) {
    String pattern = entry;
    Integer port = null;
    String address = entry;
    Integer candidatePort = null;
    for (Pattern p : List.of(BRACKETED_HOSTPORT, HOSTPORT)) {
      Matcher m = p.matcher(address);
      if (m.matches()) {
        address = m.group(1);
        candidatePort = Integer.valueOf(m.group(2));
      }
    }
    if (IPV4.matcher(address).matches() || IPV6.matcher(address).matches() || HOSTNAME.matcher(address).matches()) {
      pattern = address;
      port = candidatePort;
    }
    if (entry.strip().endsWith(":") && port == null) {
      throw new IllegalArgumentException(
          "invalid host pattern `" + entry + "`: a trailing `:` is reserved for a port number");
    }
    List<String> hosts = pattern.contains("[") ? expandRanges(pattern) : List.of(pattern);
    return new Expansion(hosts, port);
  }

  /** Expands the first {@code [..]} and recurses for the others, as Ansible does. */
  static List<String> expandRanges(String line) {
    int open = line.indexOf('[');
    int close = line.indexOf(']');
    if (close < 0 || close < open || line.indexOf('[', open + 1) >= 0 && line.indexOf('[', open + 1) < close) {
      throw new IllegalArgumentException("host range `" + line + "` has unbalanced brackets");
    }
    String head = line.substring(0, open);
    String tail = line.substring(close + 1);
    String[] bounds = line.substring(open + 1, close).split(":", -1);
    if (bounds.length != 2 && bounds.length != 3) {
      throw new IllegalArgumentException("host range must be begin:end or begin:end:step");
    }
    String beg = bounds[0].isEmpty() ? "0" : bounds[0];
    String end = bounds[1];
    if (end.isEmpty()) {
      throw new IllegalArgumentException("host range must specify end value");
    }
    int width = 0;
    if (beg.charAt(0) == '0' && beg.length() > 1) {
      width = beg.length();
      if (width != end.length()) {
        throw new IllegalArgumentException("host range must specify equal-length begin and end formats");
      }
    }
    int step = bounds.length == 3 ? parse(bounds[2]) : 1;
    if (step <= 0) {
      throw new IllegalArgumentException("host range step must be a positive number");
    }
    List<String> items = new ArrayList<>();
    int a = beg.length() == 1 ? LETTERS.indexOf(beg) : -1;
    int b = end.length() == 1 ? LETTERS.indexOf(end) : -1;
    if (a >= 0 && b >= 0) {
      if (a > b) {
        throw new IllegalArgumentException("host range must have begin <= end");
      }
      for (int i = a; i <= b; i += step) {
        items.add(String.valueOf(LETTERS.charAt(i)));
      }
    } else {
      int from = parse(beg);
      int to = parse(end);
      for (long i = from; i <= to; i += step) {
        String n = Long.toString(i);
        items.add(width > 0 && n.length() < width ? "0".repeat(width - n.length()) + n : n);
      }
    }
    List<String> hosts = new ArrayList<>();
    for (String item : items) {
      String name = head + item + tail;
      hosts.addAll(name.contains("[") ? expandRanges(name) : List.of(name));
    }
    return hosts;
  }

  private static int parse(String number) {
    try {
      return Integer.parseInt(number.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("host range bound `" + number + "` is neither a number nor a single letter");
    }
  }
}
