package dev.provision.it.lab;

import dev.provision.cli.Main;
import dev.provision.lab.LabCommand;
import dev.provision.lab.layout.LabLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Provision CLI and the lab in-process (as ./provision would: the product's {@code Main} for a playbook,
 * the lab's own {@code LabCommand} for {@code lab}), from the repository root, and reads the recap.
 */
final class LabCli {

  private static final Pattern RECAP_LINE = Pattern.compile("^(\\S+)\\s+ok=(\\d+)\\s+(changed)=(\\d+)\\s+failed=(\\d+)"
      + "\\s+skipped=(\\d+)\\s+unreachable=(\\d+)(?:\\s+deferred=(\\d+))?\\s*$", Pattern.MULTILINE);

  private LabCli() {}

  /** The exit code and what was printed. */
  record Run(int exit, String out, String err) {

    /** Per host: ok, changed (would change, in a plan), failed, skipped, unreachable, deferred. */
    Map<String, Recap> recap() {
      Map<String, Recap> hosts = new LinkedHashMap<>();
      Matcher m = RECAP_LINE.matcher(out);
      while (m.find()) {
        hosts.put(m.group(1), new Recap(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)), Integer.parseInt(m.group(7)), m.group(8) == null ? 0 : Integer.parseInt(m.group(8))));
      }
      return hosts;
    }

    /** The task lines with this status word ("changed", "deferred", "failed"...). */
    List<String> lines(String status) {
      List<String> found = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (line.startsWith(status + " ")) {
          found.add(line);
        }
      }
      return found;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  record Recap(int ok, int changed, int failed, int unreachable, int deferred) {}

  static Run run(String... args) {
    return run(Main::run, "provision", args);
  }

  private interface Entry {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private static Run run(Entry entry, String name, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = entry.run(args, o, e);
    }
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("$ " + name + " " + String.join(" ", args) + "\n" + run.out() + run.err());
    return run;
  }

  /** The repository root (it holds lab/kube/apiserver.sh); tests run in it-tests/. */
  static Path repo() {
    return LabLayout.here().repo();
  }

  static Run lab(String action) {
    return run(LabCommand::run, "provision lab", "--repo", repo().toString(), action);
  }

  /** The KubeVirt playbook on the lab inventory (paths absolute: the JVM's working directory is it-tests/). */
  static Run playbook(String... extra) {
    List<String> args = new ArrayList<>(List.of(repo().resolve("playbooks/kubevirt.yaml").toString(),
        "-i", repo().resolve("inventory/lab").toString(), "--no-color"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }
}
