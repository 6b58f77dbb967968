package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code template}: renders a Jinja file of the control node ({@code templates/} beside the playbook,
 * or of the role) with the task's variables ({@link HostContext#render}, as the engine renders
 * arguments) and installs the text as {@code copy} does: one read of the destination, a text diff,
 * one atomic write (with {@code backup} and {@code validate}), or a mode/owner fix in place.
 */
public final class TemplateModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Renders a Jinja template of the control node with the task's variables and installs it as copy does.")
      .note("src is looked up in role_path/templates/, playbook_dir/templates/, then playbook_dir/, rendered with the task's variables (the engine's Jinja), then installed as copy does: one read, a text diff (secret values masked like every output), one atomic write. Ansible's ansible_managed and template_* variables are not defined.")
      .example("""
          - name: app config
            template: {src: app.conf.j2, dest: /etc/app.conf, mode: "0640", validate: "app-check %s"}
            become: true
          """)
      .param(Param.string("src").required()
          .describedAs("the Jinja file: absolute, or looked up in role_path/templates/, playbook_dir/templates/, playbook_dir/"))
      .param(Param.string("dest").required().describedAs("absolute path of the file on the host"))
      .param(Param.any("mode").describedAs("octal ('0644') or symbolic (u=rw,g=r,o=r)"))
      .param(Param.string("owner").describedAs("the file's owner (a name or a uid)"))
      .param(Param.string("group").describedAs("the file's group (a name or a gid)"))
      .param(Param.bool("force").defaultsTo(true).describedAs("false: only create, never replace"))
      .param(Param.bool("backup").defaultsTo(false)
          .describedAs("keep the old file as DEST.PID.DATE@TIME~ (its name is returned as backup_file)"))
      .param(Param.string("validate").describedAs("a command run on the new file (%s) before it replaces the old one"))
      .param(Param.bool("unsafe_writes").defaultsTo(false).describedAs("accepted for Ansible playbooks; writes are always atomic"))
      .param(Param.string("newline_sequence").notSupportedYet("templates are written with \\n line ends").describedAs("not supported yet"))
      .param(Param.bool("trim_blocks").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("lstrip_blocks").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("variable_start_string").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("variable_end_string").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("block_start_string").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("block_end_string").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.string("output_encoding").notSupportedYet("templates are written as UTF-8").describedAs("not supported yet"))
      .build();

  @Override
  public String name() {
    return "template";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("template");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    LocalSource source = LocalSource.read(name(), params.string("src"), host.vars(), "templates");
    String rawDest = params.string("dest");
    if (rawDest.endsWith("/")) {
      throw new ModuleException("dest `" + rawDest + "` is a directory; give the full file path");
    }
    RemotePath dest = RemotePath.of("dest", rawDest);
    FileMode mode = FileMode.parse(params.raw("mode"));
    Ownership wanted = Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null));
    byte[] text = host.render(new String(source.bytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    FileWrite write = FileWrite.of(dest, text, mode, wanted)
        .guarded(params.bool("backup"), params.optString("validate").orElse(null));

    RemoteFile current = PlannedFiles.read(host, new FileContentFact(dest), mode != null || !wanted.isEmpty());
    PathStat stat = current.stat();
    if (stat.isDirectory() || stat.type() == PathStat.Type.OTHER) {
      throw new ModuleException("dest " + dest + " is a " + stat.type().word() + ", not a file; give the file's full path");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dest", dest.text());
    result.put("src", params.string("src"));
    result.put("checksum", Checksums.sha256(text));
    result.put("size", (long) text.length);
    if (stat.exists() && !params.bool("force")) {
      return Plan.noop("file " + dest + " exists and force is false", result);
    }
    String summary = (stat.isFile() ? "update " : "create ") + dest + (stat.isLink() ? " (replacing a symbolic link)" : "");
    return write.plan(current, summary, "file " + dest + " already has this content", result);
  }
}
