package dev.provision.inventory;

import dev.provision.connection.Glob;
import dev.provision.diag.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An Ansible host pattern, for play {@code hosts:} and {@code --limit}: terms separated by
 * {@code ,} (or {@code :}), each a host or group name, {@code all}, a glob ({@code web*}), a regex
 * ({@code ~web0[12]}), optionally with a subscript ({@code web[0]}, {@code web[1:2]}); {@code &term}
 * intersects and {@code !term} excludes, applied after the plain terms as Ansible does. A plain
 * name that is neither a host nor a group is an error with a did-you-mean, not a silent no-op; in a
 * play's hosts (but for a {@code !} exclusion) it is a warning and matches nothing, as in Ansible.
 */
public final class HostPattern {

  private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]$");
  private static final Pattern COLON_TERMS = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");
  private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

  private final String text;
  private final List<String> terms;

  private HostPattern(String text, List<String> terms) {
    this.text = text;
    this.terms = terms;
  }

  public static HostPattern parse(String text) {
    List<String> raw = new ArrayList<>();
    if (text.contains(",")) {
      raw.addAll(List.of(text.split(",", -1)));
    } else if (HostRange.isAddress(text.strip())) {
      raw.add(text);
    } else {
      Matcher m = COLON_TERMS.matcher(text);
      while (m.find()) {
        raw.add(m.group());
      }
    }
    List<String> regular = new ArrayList<>();
    List<String> intersect = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    for (String term : raw) {
      String t = term.strip();
      if (t.isEmpty()) {
        continue;
      }
      (t.startsWith("!") ? exclude : t.startsWith("&") ? intersect : regular).add(t);
    }
    if (regular.isEmpty()) {
      regular.add("all");
    }
    List<String> ordered = new ArrayList<>(regular);
    ordered.addAll(intersect);
    ordered.addAll(exclude);
    return new HostPattern(text, ordered);
  }

  /** The matching hosts, without duplicates, in Ansible's order; a name matching nothing is an error. */
  public List<Host> select(Inventory inventory) throws HostPatternException {
    return select(inventory, null);
  }

  /**
   * The same, but a term naming neither a host nor a group goes to {@code unmatched} (the message,
   * with a did-you-mean) and matches nothing, as Ansible's "Could not match supplied host pattern,
   * ignoring" does for a play's hosts. Null: such a term is an error.
   */
  public List<Host> select(Inventory inventory, java.util.function.Consumer<String> unmatched)
      throws HostPatternException {
    List<Host> hosts = new ArrayList<>();
    for (String term : terms) {
      if (inventory.hosts().containsKey(term)) {
        hosts.add(inventory.hosts().get(term));
        continue;
      }
      List<Host> that;
      try {
        that = matchOne(inventory, term.startsWith("&") || term.startsWith("!") ? term.substring(1) : term);
      } catch (HostPatternException e) {
        // an exclusion that names nothing stays an error: a typo there would run on the hosts it meant to leave out
        if (unmatched == null || !e.unmatchedName() || term.startsWith("!")) {
          throw e;
        }
        unmatched.accept(e.getMessage());
        that = List.of();
      }
      Set<String> names = new LinkedHashSet<>();
      that.forEach(h -> names.add(h.name()));
      if (term.startsWith("!")) {
        hosts.removeIf(h -> names.contains(h.name()));
      } else if (term.startsWith("&")) {
        hosts.removeIf(h -> !names.contains(h.name()));
      } else {
        Set<String> existing = new LinkedHashSet<>();
        hosts.forEach(h -> existing.add(h.name()));
        that.stream().filter(h -> !existing.contains(h.name())).forEach(hosts::add);
      }
    }
    Map<String, Host> unique = new java.util.LinkedHashMap<>();
    hosts.forEach(h -> unique.putIfAbsent(h.name(), h));
    return List.copyOf(unique.values());
  }

  private List<Host> matchOne(Inventory inventory, String term) throws HostPatternException {
    String expr = term;
    int[] subscript = null;
    Matcher m = SUBSCRIPT.matcher(term);
    if (!term.startsWith("~") && m.matches()) {
      expr = m.group(1);
      subscript = m.group(2) != null
          ? new int[] {Integer.parseInt(m.group(2))}
          : new int[] {Integer.parseInt(m.group(3)), m.group(5).isEmpty() ? -1 : Integer.parseInt(m.group(5))};
    }
    List<Host> hosts = enumerate(inventory, expr);
    return subscript == null || hosts.isEmpty() ? hosts : applySubscript(hosts, subscript, term);
  }

  private List<Host> enumerate(Inventory inventory, String expr) throws HostPatternException {
    Pattern matcher = compile(expr);
    List<Host> results = new ArrayList<>();
    boolean groupMatched = false;
    for (String group : inventory.groups().keySet()) {
      if (matcher.matcher(group).lookingAt()) {
        groupMatched = true;
        for (String host : InventoryGraph.hostsOf(inventory, group)) {
          results.add(inventory.hosts().get(host));
        }
      }
    }
    boolean wild = expr.startsWith("~") || expr.matches(".*[.?*\\[].*");
    if (!groupMatched || wild) {
      for (Host host : inventory.hosts().values()) {
        if (matcher.matcher(host.name()).lookingAt()) {
          results.add(host);
        }
      }
    }
    if (results.isEmpty() && LOCALHOST.contains(expr)) {
      // Ansible's implicit localhost: runs on the control node without SSH
      Map<String, Object> vars = new java.util.LinkedHashMap<>(inventory.groups().get("all").vars());
      vars.put("ansible_connection", "local");
      results.add(new Host(expr, vars, List.of()));
    }
    if (results.isEmpty() && !groupMatched && !wild) {
      Set<String> names = new LinkedHashSet<>(inventory.groups().keySet());
      names.addAll(inventory.hosts().keySet());
      String mean = Suggestions.didYouMean(expr, names);
      throw new HostPatternException(
          "host pattern `" + text + "`: `" + expr + "` is neither a host nor a group of the inventory"
              + (mean != null ? "; " + mean : ""), true);
    }
    return results;
  }

  private Pattern compile(String expr) throws HostPatternException {
    try {
      return Pattern.compile(expr.startsWith("~") ? expr.substring(1) : Glob.toRegex(expr));
    } catch (PatternSyntaxException e) {
      throw new HostPatternException("host pattern `" + text + "`: invalid regular expression `" + expr + "`: " + e.getDescription());
    }
  }

  private List<Host> applySubscript(List<Host> hosts, int[] subscript, String term) throws HostPatternException {
    int n = hosts.size();
    if (subscript.length == 1 || subscript[1] == 0) {
      int i = subscript[0] < 0 ? n + subscript[0] : subscript[0];
      if (i < 0 || i >= n) {
        throw new HostPatternException("host pattern `" + text + "`: no host at index " + subscript[0] + " of `" + term + "` (" + n + " hosts)");
      }
      return List.of(hosts.get(i));
    }
    int end = subscript[1] == -1 ? n - 1 : subscript[1];
    int from = Math.min(subscript[0], n);
    int to = Math.min(end + 1, n);
    return from >= to ? List.of() : hosts.subList(from, to);
  }

  @Override
  public String toString() {
    return text;
  }
}
