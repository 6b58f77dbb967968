package dev.provision.cli;

import dev.provision.module.Fingerprint;
import dev.provision.module.ModuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The digests of everything a plan was made from, which {@code provision apply} recomputes before
 * any host is contacted: every file under the playbook's directory (the playbook, its
 * {@code vars_files}, {@code files/} and {@code templates/}; hidden entries, {@code target/} and
 * saved plans left out), the inventory (a directory whole; a file with the {@code group_vars/} and
 * {@code host_vars/} beside it), the extra variables' values (one digest: never the values), and
 * the Provision version with the modules it has.
 */
record PlanInputs(Map<String, String> files, String extraVars, String version, Map<String, String> modules) {

  /**
   * {@code alsoFiles}: files read from elsewhere (an {@code import_tasks} outside the playbook's
   * directory): when planning, every file a task was read from; when applying, the plan's list.
   */
  static PlanInputs of(Path playbook, Path inventory, Map<String, Object> extraVars, ModuleRegistry registry,
      java.util.Collection<Path> alsoFiles) {
    Map<String, String> files = new TreeMap<>();
    for (Path f : alsoFiles) {
      Path p = f.toAbsolutePath().normalize();
      if (Files.isRegularFile(p)) {
        files.put(p.toString(), sha256(p));
      }
    }
    Path playbookDir = playbook.toAbsolutePath().normalize().getParent();
    files.put(playbook.toAbsolutePath().normalize().toString(), sha256(playbook.toAbsolutePath().normalize()));
    tree(playbookDir, files);
    Path inv = inventory.toAbsolutePath().normalize();
    if (Files.isDirectory(inv)) {
      tree(inv, files);
    } else {
      files.put(inv.toString(), sha256(inv));
      for (String dir : List.of("group_vars", "host_vars")) {
        if (inv.getParent() != null && Files.isDirectory(inv.getParent().resolve(dir))) {
          tree(inv.getParent().resolve(dir), files);
        }
      }
    }
    Map<String, String> modules = new TreeMap<>();
    for (String name : registry.names()) {
      registry.find(name).ifPresent(m -> {
        String v = m.getClass().getPackage().getImplementationVersion();
        modules.put(name, v == null ? Version.current() : v);
      });
    }
    return new PlanInputs(files, Fingerprint.of(extraVars), Version.current(), modules);
  }

  /** Every file a task of {@code playbook} was read from (imports and includes too). */
  static java.util.Set<Path> taskFiles(dev.provision.playbook.Playbook playbook) {
    java.util.Set<Path> out = new java.util.TreeSet<>();
    for (dev.provision.playbook.Play play : playbook.plays()) {
      for (dev.provision.playbook.Task t : play.tasksAndHandlers()) {
        if (t.span() != null && t.span().file() != null) {
          out.add(Path.of(t.span().file()));
        }
      }
    }
    return out;
  }

  /** What differs from {@code then} (the plan's), one line each; empty when nothing does. */
  List<String> changesSince(PlanInputs then) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> f : then.files.entrySet()) {
      String now = files.get(f.getKey());
      if (now == null) {
        out.add(f.getKey() + " is gone");
      } else if (!now.equals(f.getValue())) {
        out.add(f.getKey() + " changed (" + Fingerprint.brief(f.getValue()) + " → " + Fingerprint.brief(now) + ")");
      }
    }
    files.keySet().stream().filter(k -> !then.files.containsKey(k)).forEach(k -> out.add(k + " is new"));
    if (!extraVars.equals(then.extraVars)) {
      out.add("the extra variables (-e, --secrets) differ from the plan's: give the same ones");
    }
    if (!version.equals(then.version)) {
      out.add("Provision is " + version + ", the plan was made by " + then.version);
    }
    if (!modules.equals(then.modules)) {
      out.add("the modules differ from the plan's");
    }
    return out;
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    files.forEach((path, digest) -> list.add(Map.of("path", path, "sha256", digest)));
    out.put("files", list);
    out.put("extra_vars", extraVars);
    out.put("provision_version", version);
    out.put("modules", modules);
    return out;
  }

  @SuppressWarnings("unchecked")
  static PlanInputs fromJson(Map<String, Object> json) {
    Map<String, String> files = new TreeMap<>();
    for (Object o : (List<Object>) json.get("files")) {
      Map<String, Object> f = (Map<String, Object>) o;
      files.put(String.valueOf(f.get("path")), String.valueOf(f.get("sha256")));
    }
    Map<String, String> modules = new TreeMap<>();
    ((Map<String, Object>) json.get("modules")).forEach((k, v) -> modules.put(k, String.valueOf(v)));
    return new PlanInputs(files, String.valueOf(json.get("extra_vars")), String.valueOf(json.get("provision_version")),
        modules);
  }

  private static void tree(Path dir, Map<String, String> out) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !ignored(dir, p) && Files.isRegularFile(p))
          .forEach(p -> out.put(p.toAbsolutePath().normalize().toString(), sha256(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  private static boolean ignored(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String name = part.toString();
      if (name.startsWith(".") || name.equals("target")) {
        return true;
      }
    }
    String name = p.getFileName().toString();
    return name.endsWith(".provision") || name.endsWith(".provision.applied");
  }

  static String sha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return "sha256:" + HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new CliErrors.UserError("cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
