package dev.provision.connection;

import java.util.function.Consumer;

/**
 * The run lock of a host: an advisory {@code flock} on {@code run.lock} in the login user's state
 * directory ({@code ${XDG_STATE_HOME:-~/.local/state}/provision}), held for the whole run by one
 * remote process that keeps the lock's descriptor and ends when the connection does (so a killed
 * run, or a dropped connection, never leaves it held). Two runs on one host then never interleave:
 * the second waits, saying who holds the lock, or with {@code waitIfHeld} false fails at once.
 *
 * @param owner who takes it, written beside the lock for the runs that find it held:
 *     {@code provision pid 4242 on ctl since 2026-12-02T07:10:00Z}
 */
public record RunLock(String owner, boolean waitIfHeld) {

  /** The exit code of the holder script when the lock is held and {@code waitIfHeld} is false. */
  static final int HELD = 75;

  /**
   * The shell script that takes the lock, reports each step on a line of its own, then holds it.
   *
   * <p>One run can reach one login under two names (two inventory names for one machine, or
   * localhost beside an ssh login to it). The second take must not wait for the first, which would
   * be waiting for itself, so it joins as a co-holder: a file {@code run.co.PID} says it is open, and
   * the first holder, when its own connection ends, keeps the lock until every live co-holder's has
   * ended too. {@code run.handoff} orders the two, so a co-holder never joins a holder that is
   * already letting go: it then finds the lock free and takes it itself.
   */
  String script() {
    return "d=${XDG_STATE_HOME:-$HOME/.local/state}/provision\n"
        + "mkdir -p -- \"$d\" 2>/dev/null && exec 9>>\"$d/run.lock\" 8>>\"$d/run.handoff\""
        + " || { echo \"NOLOCK cannot write $d/run.lock\"; exec cat >/dev/null; }\n"
        + "command -v flock >/dev/null 2>&1 || { echo 'NOLOCK flock is not installed'; exec cat >/dev/null; }\n"
        + "got=\n"
        + "flock 8\n"
        + "if flock -n 9; then got=holder\n"
        + "else\n"
        + "  o=$(cat \"$d/run.owner\" 2>/dev/null)\n"
        + "  if [ \"$o\" = " + Shell.quote(owner) + " ]; then\n"
        + "    printf '%s\\n' " + Shell.quote(owner) + " > \"$d/run.co.$$\"; got=co\n"
        + "  fi\n"
        + "fi\n"
        + "flock -u 8\n"
        + "if [ -z \"$got\" ]; then\n"
        + "  echo \"HELD ${o:-another run}\"\n"
        + (waitIfHeld ? "  flock 9 || exit 76\n" : "  exit " + HELD + "\n")
        + "  got=holder\n"
        + "fi\n"
        + "[ \"$got\" = co ] || printf '%s\\n' " + Shell.quote(owner) + " > \"$d/run.owner\"\n"
        + "echo LOCKED\n"
        + "cat >/dev/null 8>&-\n" // holds descriptor 9, and so the lock, until the connection's stdin closes
        + "if [ \"$got\" = co ]; then rm -f \"$d/run.co.$$\"; exit 0; fi\n"
        // the holder's connection has ended: it lets go once no co-holder of this run is open
        + "while :; do\n"
        + "  flock 8; live=\n"
        + "  for f in \"$d\"/run.co.*; do\n"
        + "    [ -e \"$f\" ] || continue\n"
        // a file another run's co-holder left behind (killed, its pid reused since) is not ours
        + "    if [ \"$(cat \"$f\" 2>/dev/null)\" = " + Shell.quote(owner) + " ] && kill -0 \"${f##*.}\" 2>/dev/null;"
        + " then live=1; else rm -f \"$f\"; fi\n"
        + "  done\n"
        + "  if [ -z \"$live\" ]; then exec 9>&-; exit 0; fi\n"
        + "  flock -u 8; sleep 0.2\n"
        + "done\n";
  }

  /** Who holds the lock, from a line of the script, or null when the line does not say. */
  static String holder(String line) {
    return line.startsWith("HELD ") ? line.substring(5).strip() : null;
  }

  /**
   * Reads the holder script's output until it says the lock is held (or cannot be: {@code true}),
   * or until it ends ({@code false}: see {@link #failure}); {@code heldBy} is who held it, if it said.
   */
  Taken take(java.io.InputStream scriptOutput, String host, Consumer<String> waiting) throws java.io.IOException {
    java.io.BufferedReader lines = new java.io.BufferedReader(
        new java.io.InputStreamReader(scriptOutput, java.nio.charset.StandardCharsets.UTF_8));
    String heldBy = null;
    for (String line; (line = lines.readLine()) != null; ) {
      String holds = holder(line);
      heldBy = holds != null ? holds : heldBy;
      if (read(line, host, waitIfHeld ? waiting : ignored -> { })) {
        return new Taken(true, heldBy);
      }
    }
    return new Taken(false, heldBy);
  }

  /** What reading the script's output found: the lock held, or the script ended, and who held it. */
  record Taken(boolean held, String heldBy) {}

  /** Why the lock was not taken, from the script's exit status (null when unknown) once it ended. */
  ConnectionException failure(String host, Integer status, String heldBy) {
    if (status != null && status == HELD) {
      return new ConnectionException(ConnectionException.Kind.LOCKED, host, "another run holds the run lock on "
          + host + " (" + (heldBy == null ? "another run" : heldBy) + "); not waiting for it"
          + " (--no-wait-lock): run again when it has finished, or without --no-wait-lock to wait");
    }
    return new ConnectionException(ConnectionException.Kind.BROKEN, host, "the run lock on " + host
        + " could not be taken (exit " + status + ")");
  }

  /** What one line of the script says, told to {@code waiting}: true once the lock is held (or cannot be). */
  static boolean read(String line, String host, Consumer<String> waiting) {
    String holder = holder(line);
    if (holder != null) {
      waiting.accept("waiting for the run lock on " + host + ": held by " + holder);
      return false;
    }
    if (line.startsWith("NOLOCK ")) {
      waiting.accept("no run lock on " + host + " (" + line.substring(7).strip()
          + "): another run could interleave with this one");
      return true;
    }
    return line.equals("LOCKED");
  }
}
