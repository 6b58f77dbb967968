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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code copy}: puts {@code content} or a control-node file ({@code src}) at {@code dest}, with
 * optional {@code mode}, {@code owner}, {@code group}. Reads the current file once (stat, checksum,
 * content), shows a text diff, and writes atomically only when the content differs; a mode or
 * owner difference alone is fixed in place.
 */
public final class CopyModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Puts a file on the host, from `content` or a control-node file (`src`), with mode and owner.")
      .note("Reads the current file once (stat, sha256, up to 256 KiB of content) and shows a text diff. Writes"
          + " atomically: a temporary file in the same directory, then chmod/chown, then rename; a transfer cut"
          + " short is never renamed into place. If only the mode or owner differ, they are fixed in place. A"
          + " relative `src` is looked up in playbook_dir/files/, then in playbook_dir/.")
      .returns("dest", "the path")
      .returns("checksum", "sha256 of the content")
      .returns("size", "bytes")
      .example("""
              - copy:
                  dest: /etc/motd
                  content: "managed by provision on {{ inventory_hostname }}\\n"
                  mode: "0644"
              """)
      .param(Param.string("dest").required().describedAs("absolute path of the file on the host"))
      .param(Param.string("content").describedAs("the file's text"))
      .param(Param.string("src").describedAs("a file on the control node, relative to the playbook"))
      .param(Param.any("mode").describedAs("octal ('0644') or symbolic (u=rw,g=r,o=r)"))
      .param(Param.string("owner").describedAs("user name or numeric id"))
      .param(Param.string("group").describedAs("group name or numeric id"))
      .param(Param.bool("force").defaultsTo(true).describedAs("false: only create, never replace"))
      .mutuallyExclusive("content", "src")
      .requiredOneOf("content", "src")
      .build();

  @Override
  public String name() {
    return "copy";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    // content, or the control-node file (streamed when large: it is never read whole into memory)
    Path src = params.has("content") ? null : LocalSource.find("copy", params.string("src"), host.vars(), "files");
    NewContent source = src == null ? NewContent.of(params.string("content").getBytes(StandardCharsets.UTF_8))
        : NewContent.of(src);
    String rawDest = params.string("dest");
    RemotePath dest = RemotePath.of("dest", rawDest.endsWith("/") && src != null
        ? rawDest + src.getFileName() : rawDest);
    if (rawDest.endsWith("/") && src == null) {
      throw new ModuleException("dest `" + rawDest + "` is a directory; give the full file path");
    }
    FileMode mode = FileMode.parse(params.raw("mode"));
    Ownership wanted = Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null));

    RemoteFile current = PlannedFiles.read(host, new FileContentFact(dest), mode != null || !wanted.isEmpty());
    PathStat stat = current.stat();
    if (stat.isDirectory() || stat.type() == PathStat.Type.OTHER) {
      throw new ModuleException("dest " + dest + " is a " + stat.type().word() + ", not a file; give the file's full path");
    }
    String checksum = source.sha256();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dest", dest.text());
    result.put("checksum", checksum);
    result.put("size", source.size());
    if (stat.exists() && !params.bool("force")) {
      return Plan.noop("file " + dest + " exists and force is false", result);
    }
    FileWrite write = FileWrite.of(dest, source, mode, wanted);
    String summary = (stat.isFile() ? "update " : "create ") + dest + (stat.isLink() ? " (replacing a symbolic link)" : "");
    return write.plan(current, summary, "file " + dest + " already has this content", result);
  }
}
