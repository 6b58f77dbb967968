package dev.provision.template;

import java.util.List;
import java.util.Map;

/**
 * Host patterns ({@code all:!web}, {@code db*}) over the {@code groups} variable, for
 * {@code lookup('inventory_hostnames')}. The inventory's matcher lives in a package this one may
 * not use, so the run provides it through {@link java.util.ServiceLoader}.
 */
public interface HostPatterns {

  /** The names of the hosts {@code pattern} matches, in inventory order; none when it matches nothing. */
  List<String> select(String pattern, Map<String, List<String>> groups);
}
