package dev.provision.module;

/**
 * What a planned (not yet made) change would leave in one file on the host: {@code content} the
 * file's exact bytes, or null when the change does not know them in advance (a download). {@code by}
 * names the task that plans it, for the reason a later task gives when it cannot plan on it.
 */
public record PlannedWrite(String path, byte[] content, String by) {

  /** The same write, said to be planned by task {@code task}. */
  public PlannedWrite by(String task) {
    return new PlannedWrite(path, content, task);
  }

  public boolean contentKnown() {
    return content != null;
  }
}
