package dev.provision.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ansible's {@code --tags}/{@code --skip-tags} rules: {@code always} runs unless skipped by name,
 * {@code never} runs only when one of its tags is asked for, and the special words {@code all},
 * {@code tagged} and {@code untagged} select by whether a task has tags.
 */
public final class TagFilter {

  private final Set<String> only;
  private final Set<String> skip;

  public TagFilter(Set<String> only, Set<String> skip) {
    this.only = Set.copyOf(only);
    this.skip = Set.copyOf(skip);
  }

  public static TagFilter everything() {
    return new TagFilter(Set.of(), Set.of());
  }

  public boolean selects(List<String> taskTags) {
    Set<String> tags = new HashSet<>(taskTags);
    boolean untagged = tags.isEmpty();
    if (untagged) {
      tags.add("untagged");
    }
    Set<String> wanted = only.isEmpty() ? Set.of("all") : only;
    boolean run;
    if (tags.contains("always")) {
      run = true;
    } else if (wanted.contains("all") && !tags.contains("never")) {
      run = true;
    } else if (!disjoint(tags, wanted)) {
      run = true;
    } else {
      run = wanted.contains("tagged") && !untagged && !tags.contains("never");
    }
    if (run && !skip.isEmpty()) {
      if (skip.contains("all")) {
        run = tags.contains("always") && !skip.contains("always");
      } else if (!disjoint(tags, skip)) {
        run = false;
      } else if (skip.contains("tagged") && !untagged) {
        run = false;
      }
    }
    return run;
  }

  private static boolean disjoint(Set<String> a, Set<String> b) {
    for (String s : a) {
      if (b.contains(s)) {
        return false;
      }
    }
    return true;
  }
}
