package dev.provision.module;

import java.util.Map;

/**
 * The engine's one fact gathering, for a module that gathers as a task ({@code setup}): the read-only
 * command {@code gather_facts} runs, and its output as Ansible's variables ({@code ansible_*} and
 * {@code ansible_facts}). The gatherer lives in the run package, which modules may not use, so the run
 * provides it through {@link java.util.ServiceLoader} ({@link #find()}).
 */
public interface FactGathering {

  String command();

  Map<String, Object> parse(String output);

  /** The engine's gathering. */
  static FactGathering find() {
    return Holder.FOUND;
  }

  /** Found once, when first needed. */
  final class Holder {
    private Holder() {}

    static final FactGathering FOUND = java.util.ServiceLoader.load(FactGathering.class, FactGathering.class.getClassLoader())
        .findFirst().orElseThrow(() -> new IllegalStateException("no " + FactGathering.class.getName() + " service"));
  }
}
