package dev.provision.run;

import java.util.Map;

/**
 * The one fact gathering ({@link FactGatherer}) for a module that gathers as a task ({@code setup}):
 * the read-only command, and its output as Ansible's variables ({@code ansible_*} and {@code ansible_facts}).
 */
public final class HostFacts {

  private HostFacts() {}

  public static String command() {
    return FactGatherer.COMMAND;
  }

  public static Map<String, Object> parse(String output) {
    return FactGatherer.parse(output);
  }
}
