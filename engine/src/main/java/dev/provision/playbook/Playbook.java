package dev.provision.playbook;

import java.nio.file.Path;
import java.util.List;

/** A parsed, validated playbook: its plays in file order. */
public record Playbook(Path file, List<Play> plays) {

  public Playbook {
    plays = List.copyOf(plays);
  }
}
