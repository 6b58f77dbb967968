package dev.provision.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which hosts and tasks a command works on ({@code -l}, {@code -t}, {@code --skip-tags}): a picocli mixin. */
final class SelectionOptions {

  @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
      description = "Only hosts matching this pattern, as in Ansible: workers, 'all:!controller', 'web*'.")
  String limit;

  @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAG",
      description = "Only tasks with one of these tags (comma-separated or repeated).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--skip-tags", split = ",", paramLabel = "TAG",
      description = "Leave out tasks with one of these tags (comma-separated or repeated).")
  List<String> skipTags = new ArrayList<>();

  Set<String> tags() {
    return new LinkedHashSet<>(tags);
  }

  Set<String> skipTags() {
    return new LinkedHashSet<>(skipTags);
  }
}
