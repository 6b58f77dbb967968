package dev.provision.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * How a play takes its hosts, as Ansible's play keywords say: {@code serial} (batch sizes: whole
 * numbers or percentages of the play's hosts, the last repeated; empty: one batch of all),
 * {@code max_fail_percentage} (null: not set), {@code any_errors_fatal}, and {@code strategy: linear}
 * ({@code linear}: every host of a batch finishes a task before any starts the next), and {@code order}
 * (how the play's hosts are ordered before they are cut into batches: {@link #ORDERS}).
 */
public record Batching(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal, boolean linear,
    String order) {

  public static final Batching NONE = new Batching(List.of(), null, false, false, "inventory");

  /** Ansible's host orders. */
  public static final List<String> ORDERS = List.of("inventory", "reverse_inventory", "sorted", "reverse_sorted",
      "shuffle");

  public Batching {
    serial = List.copyOf(serial);
    order = order == null ? "inventory" : order;
  }

  public Batching(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal, boolean linear) {
    this(serial, maxFailPercentage, anyErrorsFatal, linear, "inventory");
  }

  /**
   * The play's hosts (in inventory order) in its {@code order}. {@code shuffle} is a shuffle seeded by
   * the hosts' names, so that a plan and its apply take the hosts in the same order.
   */
  public <T> List<T> ordered(List<T> hosts, java.util.function.Function<T, String> name) {
    List<T> out = new ArrayList<>(hosts);
    switch (order) {
      case "reverse_inventory" -> java.util.Collections.reverse(out);
      case "sorted" -> out.sort(java.util.Comparator.comparing(name));
      case "reverse_sorted" -> out.sort(java.util.Comparator.comparing(name).reversed());
      case "shuffle" -> java.util.Collections.shuffle(out, new java.util.Random(
          String.join(",", hosts.stream().map(name).sorted().toList()).hashCode()));
      default -> { }
    }
    return out;
  }

  /**
   * The play's hosts in batches, as Ansible cuts them: each size in turn (a percentage of all the
   * play's hosts, rounded down, at least 1; 0 or none: all), the last size again until no host is left.
   */
  public <T> List<List<T>> batches(List<T> hosts) {
    List<List<T>> out = new ArrayList<>();
    int at = 0;
    int i = 0;
    while (at < hosts.size()) {
      int size = serial.isEmpty() ? hosts.size() : size(serial.get(Math.min(i, serial.size() - 1)), hosts.size());
      int end = Math.min(hosts.size(), at + (size <= 0 ? hosts.size() : size));
      out.add(List.copyOf(hosts.subList(at, end)));
      at = end;
      i++;
    }
    return out;
  }

  private static int size(Object written, int all) {
    String s = String.valueOf(written).strip();
    if (s.endsWith("%")) {
      double pct = Double.parseDouble(s.substring(0, s.length() - 1).strip());
      return Math.max(1, (int) (pct / 100 * all));
    }
    return Integer.parseInt(s);
  }
}
