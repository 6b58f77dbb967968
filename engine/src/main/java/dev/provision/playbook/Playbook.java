package dev.provision.playbook;

import dev.provision.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/** A playbook as read: its plays, and what reading it found worth a warning (a duplicate key...). */
public record Playbook(Path file, List<Play> plays, List<Diagnostic> warnings) {

  public Playbook {
    plays = List.copyOf(plays);
    warnings = List.copyOf(warnings);
  }

  public Playbook(Path file, List<Play> plays) {
    this(file, plays, List.of());
  }
}
