package dev.provision.it.conformance;

import dev.provision.diag.Diagnostics;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of Debian's {@code ansible-playbook} on a case, with its JSON callback's per-host stats. */
record AnsibleRun(int exitCode, String stdout, String stderr) {

  static AnsibleRun run(Path dir, Path inventory, ConformanceCase c) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(),
        c.playbook(dir).toString()));
    command.addAll(c.extraArgs());
    Path out = Files.createTempFile(dir, "ansible-", ".out");
    Path err = Files.createTempFile(dir, "ansible-", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("ANSIBLE_STDOUT_CALLBACK", "json");
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
    env.put("ANSIBLE_LOCAL_TEMP", dir.resolve(".ansible-local").toString());
    env.putAll(c.env(dir));
    Process p = builder.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("ansible-playbook did not finish in 5 minutes: " + Files.readString(err));
    }
    return new AnsibleRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The host's line of the recap: ok, changed, failures, skipped, rescued, ignored, unreachable. */
  @SuppressWarnings("unchecked")
  Map<String, Long> stats(String host) {
    Diagnostics d = new Diagnostics();
    int start = stdout.indexOf('{');
    List<YNode> docs = start < 0 ? List.of() : YamlReader.readAll("ansible", stdout.substring(start), d);
    if (docs.isEmpty() || !(docs.get(0).toPlain() instanceof Map<?, ?> json)) {
      throw new AssertionError("no JSON from ansible-playbook: " + this);
    }
    Object stats = ((Map<String, Object>) json).get("stats");
    Object line = stats instanceof Map<?, ?> m ? m.get(host) : null;
    Map<String, Long> out = new LinkedHashMap<>();
    if (line instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).longValue()));
    }
    for (String key : List.of("ok", "changed", "failures", "skipped", "rescued", "ignored", "unreachable")) {
      out.putIfAbsent(key, 0L);
    }
    return out;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
