package dev.provision.modules.kernel;

import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileContentFact;
import dev.provision.modules.files.FileWrite;
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ansible.posix.sysctl}: a kernel parameter in a sysctl file, and optionally in the running
 * kernel. It reads the kernel's value ({@code sysctl -e -n}) and the file, decides as Ansible's
 * {@code process()} does, and plans the same three steps: {@code sysctl -w}, the file's atomic
 * rewrite ({@link SysctlFile}), {@code sysctl -p FILE}.
 */
public final class SysctlModule implements Module {

  private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t");
  private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f");

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sets a kernel parameter in a sysctl file, reloads it, and optionally sets it in the running kernel.")
      .note("Ansible's algorithm: the file is rewritten as Ansible rewrites it (lines stripped, key=value, one line per key), atomically; changed when the file differs, or, with reload, when the kernel's value differs. Booleans become 1 and 0. Linux only (no BSD variants).")
      .example("""
          - name: forward IPv4 packets
            ansible.posix.sysctl:
              name: net.ipv4.ip_forward
              value: "1"
              sysctl_file: /etc/sysctl.d/99-kubernetes.conf
              sysctl_set: true
            become: true
          """)
      .param(Param.string("name").required().aliases("key").describedAs("the parameter's dotted name (net.ipv4.ip_forward)"))
      .param(Param.any("value").aliases("val").describedAs("the value wanted; required with state=present; yes/no become 1/0"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present")
          .describedAs("present: the file sets it; absent: the file has no line for it"))
      .param(Param.bool("reload").defaultsTo(true)
          .describedAs("run sysctl -p FILE when the module changes something (the kernel's value differing counts)"))
      .param(Param.bool("sysctl_set").defaultsTo(false)
          .describedAs("also check the running kernel's value and set it with sysctl -w when it differs"))
      .param(Param.bool("ignoreerrors").defaultsTo(false).describedAs("sysctl -e: ignore unknown keys"))
      .param(Param.string("sysctl_file").defaultsTo("/etc/sysctl.conf").describedAs("absolute path of the sysctl file"))
      .build();

  @Override
  public String name() {
    return "ansible.posix.sysctl";
  }

  @Override
  public List<String> aliases() {
    // ansible-core routes the short name to the collection
    return List.of("sysctl");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** Ansible's {@code _parse_value}: booleans and their words become 1 and 0, text is stripped. */
  static String value(Object raw) {
    if (raw == null) {
      return "";
    }
    if (raw instanceof Boolean b) {
      return b ? "1" : "0";
    }
    String text = String.valueOf(raw);
    String lower = text.toLowerCase(Locale.ROOT);
    return TRUE.contains(lower) ? "1" : FALSE.contains(lower) ? "0" : text.strip();
  }

  /** Ansible's {@code _values_is_equal}: the same words in the same order. */
  static boolean same(String a, String b) {
    return a != null && b != null && List.of(a.strip().split("\\s+")).equals(List.of(b.strip().split("\\s+")));
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String name = params.string("name").strip();
    boolean present = params.stringOr("state", "present").equals("present");
    if (name.isEmpty()) {
      throw new ModuleException("name cannot be blank");
    }
    if (name.startsWith("-") || !name.matches("[^\\s=]+")) {
      throw new ModuleException("name `" + name + "` is not a kernel parameter name (dotted, no spaces or =)");
    }
    if (present && params.raw("value") == null) {
      throw new ModuleException("value is required with state=present");
    }
    String value = value(params.raw("value"));
    if (present && value.isEmpty()) {
      throw new ModuleException("value cannot be blank");
    }
    if (value.indexOf('\n') >= 0) {
      throw new ModuleException("value must be one line");
    }
    RemotePath path = RemotePath.of("sysctl_file", params.stringOr("sysctl_file", "/etc/sysctl.conf"));
    boolean reload = params.bool("reload");
    boolean sysctlSet = params.bool("sysctl_set");
    String ignore = params.bool("ignoreerrors") ? "-e " : "";

    String proc = host.fact(new KernelValueFact(name));
    RemoteFile current = PlannedFiles.read(host, FileContentFact.whole(path), false);
    if (current.stat().exists() && !current.stat().isFile()) {
      throw new ModuleException("sysctl_file " + path + " is a " + current.stat().type().word()
          + ", not a file" + (current.stat().isLink() ? "; give the link's target" : ""));
    }
    if (current.stat().isFile() && !current.isUtf8Text()) {
      throw new ModuleException(path + " is not UTF-8 text; sysctl edits text files only");
    }
    SysctlFile file = SysctlFile.parse(current.stat().isFile() ? current.content() : "");
    String inFile = file.value(name);

    boolean changed = false;
    boolean writeFile = false;
    boolean setProc = false;
    if (inFile == null) {
      changed = writeFile = present;
    } else if (!inFile.isEmpty() && !present) {
      changed = writeFile = true;
    } else if (!inFile.equals(value)) {
      changed = writeFile = true;
    } else if (reload) {
      changed = proc == null || !same(proc, value);
    }
    if (sysctlSet && present) {
      if (proc == null) {
        changed = true;
      } else if (!same(proc, value)) {
        changed = setProc = true;
      }
    }

    Map<String, Object> result = new LinkedHashMap<>();
    String where = name + " in " + path;
    if (!changed) {
      return Plan.noop(present ? name + " is " + value + " in " + path + (reload || sysctlSet ? " and in the kernel" : "")
          : name + " is not in " + path, result);
    }
    List<Action> actions = new ArrayList<>();
    List<Diff> diffs = new ArrayList<>();
    List<String> words = new ArrayList<>();
    if (setProc) {
      actions.add(KernelCommand.sysctl("set the kernel's " + name + " to " + value + " (sysctl -w)",
          ignore + "-w " + Shell.quote(name + "=" + value), "setting " + name + " failed"));
      words.add("set the kernel's " + name + " to " + value + " (now " + proc.strip() + ")");
    }
    if (writeFile) {
      Plan write = FileWrite.of(path, file.with(name, present ? value : null).getBytes(StandardCharsets.UTF_8), null, null)
          .plan(current, "", "", Map.of());
      actions.addAll(write.actions());
      diffs.addAll(write.diffs());
      words.add(present ? (current.stat().exists() ? "set " : "create " + path + " with ") + name + "=" + value
          + (current.stat().exists() ? " in " + path : "") : "remove " + where);
    }
    if (reload) {
      actions.add(KernelCommand.sysctl("reload " + path + " (sysctl -p)", ignore + "-p " + path.shell(),
          "Failed to reload sysctl"));
      words.add(writeFile ? "reload it" : "reload " + path + " (the kernel has " + name + " = "
          + (proc == null ? "nothing" : proc.strip()) + ")");
    }
    return Plan.change(String.join(", ", words), diffs, actions).withResult(result);
  }
}
