package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code community.general.ini_file}: one option (or a section) set or removed in an INI file. The
 * file is read whole ({@link EditedFile}), {@link IniFile} is Ansible's edit on its text, and the new
 * text is one atomic write ({@link FileWrite}) with the task's mode, owner and backup.
 */
public final class IniFileModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sets or removes an option, or a whole section, in an INI-style file, with community.general.ini_file's algorithm.")
      .note("Ansible's edit line for line: comments and other lines stay; a commented #option = value line is set in place; a new option goes after the section's last line that is not blank or a comment; a missing section is added at the end; section: null means the lines before the first [section]. The file is created (and its directory) unless create: false. Written atomically, then mode and owner; the diff is the file before and after.")
      .example("""
          - name: containerd uses the systemd cgroup driver
            community.general.ini_file:
              path: /etc/containerd/config.toml
              section: plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options
              option: SystemdCgroup
              value: "true"
            become: true
          """)
      .param(Param.string("path").required().aliases("dest").describedAs("absolute path of the INI file on the host"))
      .param(Param.string("section").describedAs("the [section]; null: the lines before the first section"))
      .param(Param.string("option").describedAs("the option's name; omitted: the whole section (added or removed)"))
      .param(Param.string("value").describedAs("the option's value (same as values: [VALUE])"))
      .param(Param.list("values").describedAs("several values: one option = VALUE line each"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present")
          .describedAs("present: the option has the value(s); absent: the option (or value, or section) is gone"))
      .param(Param.bool("exclusive").defaultsTo(true)
          .describedAs("true: other lines of the same option are removed (present) or all are (absent); false: only the values given are added or removed"))
      .param(Param.bool("no_extra_spaces").defaultsTo(false).describedAs("write option=value rather than option = value"))
      .param(Param.bool("create").defaultsTo(true).describedAs("create a missing file; false: a missing file fails"))
      .param(Param.bool("allow_no_value").defaultsTo(false).describedAs("allow an option line without = and value"))
      .param(Param.bool("backup").defaultsTo(false)
          .describedAs("keep the old file as PATH.PID.DATE@TIME~ (its name is returned as backup_file)"))
      .param(Param.any("mode").describedAs("octal ('0644') or symbolic (u=rw,g=r,o=r)"))
      .param(Param.string("owner").describedAs("the file's owner (a name or a uid)"))
      .param(Param.string("group").describedAs("the file's group (a name or a gid)"))
      .param(Param.bool("unsafe_writes").defaultsTo(false).describedAs("accepted for Ansible playbooks; writes are always atomic"))
      .mutuallyExclusive("value", "values")
      .build();

  @Override
  public String name() {
    return "community.general.ini_file";
  }

  @Override
  public List<String> aliases() {
    return List.of("ini_file");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    boolean present = params.stringOr("state", "present").equals("present");
    boolean allowNoValue = params.bool("allow_no_value");
    List<String> values = new ArrayList<>();
    if (params.has("value")) {
      values.add(params.string("value"));
    } else if (params.has("values")) {
      values.addAll(params.strings("values"));
    }
    if (present && !allowNoValue && values.isEmpty()) {
      throw new ModuleException("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
    }
    EditedFile file = EditedFile.read(name(), params, host);
    if (!file.exists() && !params.bool("create")) {
      throw new ModuleException("Destination " + file.path().text() + " does not exist!");
    }
    IniFile.Spec spec = new IniFile.Spec(params.optString("section").orElse(null),
        params.optString("option").orElse(null), values, present, params.bool("exclusive"),
        params.bool("no_extra_spaces"), allowNoValue);
    IniFile.Outcome outcome;
    try {
      outcome = IniFile.edit(file.exists() ? file.text() : null, spec);
    } catch (IllegalArgumentException e) {
      throw new ModuleException(e.getMessage());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("msg", outcome.msg());
    result.put("path", file.path().text());
    String subject = file.path().toString();
    if (!file.exists() && !outcome.changed()) {
      return Plan.noop("file " + subject + " is not present", result);
    }
    String text = outcome.changed() ? outcome.text() : file.text();
    String section = params.optString("section").map(s -> "[" + s + "]").orElse("the lines before the first section");
    String what = params.optString("option").map(o -> "option " + o + " in " + section).orElse("section " + section);
    String change = (present ? params.has("option") ? "set " : "add " : "remove ") + what + " of " + subject
        + (file.exists() ? "" : " (a new file)");
    String noop = what + " of " + subject + " is as wanted";
    return file.write(params, text).plan(file.file(), change, noop, result);
  }
}
