package dev.provision.connection;

import java.util.Map;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** Exit code of a command killed by a signal, as a shell reports it: 128 + the signal number. */
final class ExitCodes {

  private static final Map<Signal, Integer> NUMBERS = Map.ofEntries(
      Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4),
      Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8), Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10),
      Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
      Map.entry(Signal.TERM, 15));

  private ExitCodes() {}

  static int ofSignal(Signal signal) {
    Integer number = NUMBERS.get(signal);
    return number == null ? 255 : 128 + number;
  }
}
