package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import java.nio.charset.StandardCharsets;

/**
 * A text file that a module edits in place ({@code lineinfile}, {@code blockinfile}): read whole, in
 * one command, whatever its size, and refused unless it is UTF-8 text that re-encodes to the very
 * bytes read (so an edit can never garble the lines it leaves alone).
 */
record EditedFile(RemotePath path, RemoteFile file, String text) {

  /** The parameters both editing modules share, as Ansible names them. */
  static ParamSchema.Builder common(ParamSchema.Builder b) {
    return written(b.param(PATH)
        .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present: the line or block is there; absent: it is not"))
        .param(Param.bool("create").defaultsTo(false)
            .describedAs("create the file (and its directories) when it is missing; else a missing file fails")));
  }

  /** The parameters of an editor of an existing file ({@code replace}): no state, no create. */
  static ParamSchema.Builder existing(ParamSchema.Builder b) {
    return written(b.param(PATH));
  }

  private static final Param PATH = Param.string("path").required().aliases("dest", "destfile", "name")
      .describedAs("absolute path of the file on the host");

  /** How the new text is written: backup, validate, mode and owner. */
  private static ParamSchema.Builder written(ParamSchema.Builder b) {
    return b.param(Param.bool("backup").defaultsTo(false)
            .describedAs("keep the old file as PATH.PID.DATE@TIME~ (its name is returned as backup_file)"))
        .param(Param.string("validate").describedAs("a command run on the new file (%s) before it replaces the old one"))
        .param(Param.any("mode").describedAs("octal ('0644') or symbolic (u=rw,g=r,o=r)"))
        .param(Param.string("owner").describedAs("the file's owner (a name or a uid)"))
        .param(Param.string("group").describedAs("the file's group (a name or a gid)"))
        .param(Param.bool("unsafe_writes").defaultsTo(false)
            .describedAs("accepted for Ansible playbooks; writes are always atomic"));
  }

  static EditedFile read(String module, Params params, HostContext host) throws ModuleException, ConnectionException {
    RemotePath path = RemotePath.of("path", params.string("path"));
    RemoteFile file = PlannedFiles.read(host, FileContentFact.whole(path),
        params.raw("mode") != null || params.optString("owner").isPresent() || params.optString("group").isPresent());
    PathStat stat = file.stat();
    if (stat.exists() && !stat.isFile()) {
      throw new ModuleException(path + " is a " + stat.type().word() + ", not a file; " + module + " edits a regular file");
    }
    if (!stat.exists()) {
      return new EditedFile(path, file, null);
    }
    String text = file.content();
    if (!file.isUtf8Text()) {
      throw new ModuleException(path + " is not UTF-8 text; " + module + " edits text files only");
    }
    return new EditedFile(path, file, text);
  }

  boolean exists() {
    return text != null;
  }

  /** The write of {@code newText} with the task's mode, owner, backup and validate. */
  FileWrite write(Params params, String newText) throws ModuleException {
    return FileWrite.of(path, newText.getBytes(StandardCharsets.UTF_8), FileMode.parse(params.raw("mode")),
            Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null)))
        .guarded(params.bool("backup"), params.optString("validate").orElse(null))
        .creatingDirectory(!exists());
  }
}
