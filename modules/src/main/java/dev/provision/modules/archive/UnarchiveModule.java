package dev.provision.modules.archive;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.Fact;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.LocalSource;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.RemotePath;
import dev.provision.modules.files.StatFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unarchive}: a tar, tar.gz or zip archive extracted into an existing directory, only when
 * some file of it is missing or different there. The archive's files are compared first: one from
 * the control node is read in Java and each file's SHA-256 compared with the host's (one command);
 * one already on the host ({@code remote_src}) is extracted into a temporary directory there and
 * each file compared with {@code cmp}, then the temporary directory is removed. So the plan names
 * the files that would change, and a second apply changes nothing.
 */
public final class UnarchiveModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Extracts a tar, tar.gz or zip archive into a directory on the host when some of its files are missing or different there.")
      .note("The archive's files are compared before anything is sent: a control-node archive is read in Java and each file's SHA-256 compared with the host's in one command; a remote_src archive is extracted into a temporary directory on the host, compared with cmp, and the directory removed. Names that would land outside dest are refused. mode and owner are given to every extracted path when it extracts (a mode-only difference is not detected).")
      .example("""
          - name: release
            unarchive: {src: app.tar.gz, dest: /opt}
            become: true
          """)
      .param(Param.string("src").required()
          .describedAs("the archive: on the control node (files/ beside the playbook), or on the host with remote_src"))
      .param(Param.string("dest").required().describedAs("an existing directory on the host"))
      .param(Param.bool("remote_src").defaultsTo(false).describedAs("src is a path on the host"))
      .param(Param.string("creates").describedAs("a path on the host; when it exists nothing is done"))
      .param(Param.any("mode").describedAs("given to every extracted path when the archive is extracted"))
      .param(Param.string("owner").describedAs("given to every extracted path when the archive is extracted"))
      .param(Param.string("group").describedAs("given to every extracted path when the archive is extracted"))
      .param(Param.bool("list_files").defaultsTo(false).describedAs("register the archive's files as files"))
      .param(Param.bool("copy").notSupportedYet("write remote_src: true instead of copy: false").describedAs("not supported yet"))
      .param(Param.list("extra_opts").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.list("exclude").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.list("include").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("keep_newer").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("validate_certs").notSupportedYet("download the archive with get_url first").describedAs("not supported yet"))
      .build();

  @Override
  public String name() {
    return "unarchive";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("unarchive");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** What the host has of the archive's files: {@code differing} names, or the reason nothing can be compared. */
  record Comparison(String problem, int total, List<String> differing) {}

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String src = params.string("src");
    if (src.contains("://")) {
      throw new ModuleException("src `" + src + "` is a URL: downloading is not supported yet; use get_url first");
    }
    ArchiveFormat format = ArchiveFormat.of(src);
    RemotePath dest = RemotePath.of("dest", params.string("dest"));
    boolean remote = params.bool("remote_src");
    FileMode mode = FileMode.parse(params.raw("mode"));
    Ownership owners = Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dest", dest.text());
    result.put("src", src);
    if (params.optString("creates").isPresent()) {
      RemotePath creates = RemotePath.of("creates", params.string("creates"));
      if (host.fact(new StatFact(creates)).exists()) {
        return Plan.noop(creates + " exists", result);
      }
    }
    Comparison comparison;
    LocalSource local = null;
    RemotePath archive = null;
    if (remote) {
      archive = RemotePath.of("src", src);
      comparison = host.fact(new RemoteComparison(archive, format, dest));
    } else {
      local = LocalSource.read(name(), src, host.vars(), "files");
      Map<String, String> entries = ArchiveEntries.read(format, local.bytes());
      if (params.bool("list_files")) {
        result.put("files", List.copyOf(entries.keySet()));
      }
      comparison = host.fact(new LocalComparison(dest, entries));
    }
    if (comparison.problem() != null) {
      throw new ModuleException(comparison.problem());
    }
    if (comparison.differing().isEmpty()) {
      return Plan.noop("all " + comparison.total() + " files of " + src + " are in place in " + dest, result);
    }
    String d = dest.shell();
    StringBuilder script = new StringBuilder("LC_ALL=C; export LC_ALL\n");
    String from;
    if (remote) {
      from = archive.shell();
    } else {
      from = "\"$t\"";
      script.append("t=$(mktemp) || exit 71\ntrap 'rm -f -- \"$t\"' EXIT\n")
          .append("cat > \"$t\" || exit 72\n")
          .append("[ \"$(wc -c < \"$t\")\" -eq ").append(local.bytes().length)
          .append(" ] || { echo 'incomplete transfer' >&2; exit 72; }\n");
    }
    script.append(format.extract(from, d)).append(" || exit 80\n");
    if (mode != null || !owners.isEmpty()) {
      String list = switch (format) {
        case ZIP -> "unzip -Z1 " + from;
        case TAR_GZ -> "tar -tzf " + from;
        case TAR -> "tar -tf " + from;
      };
      script.append(list).append(" | while IFS= read -r f; do");
      if (!owners.isEmpty()) {
        script.append(" chown -h -- ").append(owners.chownArgument()).append(" ").append(d).append("/\"$f\" || exit 74;");
      }
      if (mode != null) {
        script.append(" [ -L ").append(d).append("/\"$f\" ] || chmod -- ").append(Shell.quote(mode.toString()))
            .append(" ").append(d).append("/\"$f\" || exit 73;");
      }
      script.append(" done || exit 73\n");
    }
    ExecAction extract = ExecAction.of(script.toString())
        .describedAs("extract " + src + " into " + dest + " (" + comparison.differing().size() + " of "
            + comparison.total() + " files new or different)");
    if (local != null) {
      extract = extract.withStdin(local.bytes());
    }
    List<Diff> diffs = List.of(Diff.of(dest + " (from " + src + ")", "",
        String.join("\n", comparison.differing()) + "\n"));
    int n = comparison.differing().size();
    return Plan.change("extract " + src + " into " + dest + " (" + n + (n == 1 ? " file" : " files")
        + " new or different)", diffs, List.of(extract)).withResult(result);
  }

  /** The host's copy of each file of a control-node archive: its SHA-256, by index, in one command. */
  record LocalComparison(RemotePath dest, Map<String, String> entries) implements Fact<Comparison> {
    @Override
    public String key() {
      return "unarchive.local:" + dest.text() + ":" + ArchiveEntries.sha256(String.join("\n", entries.keySet())
          .concat(String.join("", entries.values())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String command() {
      StringBuilder names = new StringBuilder();
      for (String name : entries.keySet()) {
        names.append(' ').append(Shell.quote(name));
      }
      return "cd -- " + dest.shell() + " 2>/dev/null || { echo nodest; exit 0; }; i=0; for f in" + names
          + "; do i=$((i+1)); if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then echo \"$i $(sha256sum < \"$f\")\"; fi; done";
    }

    @Override
    public Comparison parse(CommandResult result) throws ModuleException {
      if (!result.succeeded()) {
        throw new ModuleException("cannot compare the archive with " + dest + ": " + result.failureText());
      }
      if (result.stdout().startsWith("nodest")) {
        return new Comparison("dest " + dest + " must be an existing directory", entries.size(), List.of());
      }
      Map<Integer, String> seen = new LinkedHashMap<>();
      for (String line : result.stdout().split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2) {
          seen.put(Integer.parseInt(f[0]), f[1]);
        }
      }
      List<String> differing = new ArrayList<>();
      int i = 0;
      for (Map.Entry<String, String> e : entries.entrySet()) {
        if (!e.getValue().equals(seen.get(++i))) {
          differing.add(e.getKey());
        }
      }
      return new Comparison(null, entries.size(), differing);
    }
  }

  /** An archive on the host, extracted into a temporary directory there and compared file by file with {@code cmp}. */
  record RemoteComparison(RemotePath archive, ArchiveFormat format, RemotePath dest) implements Fact<Comparison> {
    @Override
    public String key() {
      return "unarchive.remote:" + archive.text() + ":" + dest.text();
    }

    @Override
    public String command() {
      return "a=" + archive.shell() + "; d=" + dest.shell() + "; [ -f \"$a\" ] || { echo noarchive; exit 0; }; "
          + "[ -d \"$d\" ] || { echo nodest; exit 0; }; t=$(mktemp -d) || exit 71; trap 'rm -rf -- \"$t\"' EXIT; "
          + format.extract("\"$a\"", "\"$t\"") + " >/dev/null 2>&1 || { echo badarchive; exit 0; }; "
          + "cd \"$t\" || exit 71; echo \"files $(find . -type f | wc -l)\"; "
          + "find . -type f -print | while IFS= read -r f; do cmp -s -- \"$f\" \"$d/$f\" || printf 'differs %s\\n' \"${f#./}\"; done";
    }

    @Override
    public Comparison parse(CommandResult result) throws ModuleException {
      String out = result.stdout();
      if (!result.succeeded()) {
        throw new ModuleException("cannot compare " + archive + " with " + dest + ": " + result.failureText());
      }
      if (out.startsWith("noarchive")) {
        return new Comparison("src " + archive + " does not exist on the host (remote_src is true)", 0, List.of());
      }
      if (out.startsWith("nodest")) {
        return new Comparison("dest " + dest + " must be an existing directory", 0, List.of());
      }
      if (out.startsWith("badarchive")) {
        return new Comparison(archive + " cannot be extracted as " + format.word(), 0, List.of());
      }
      int total = 0;
      List<String> differing = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (line.startsWith("files ")) {
          total = Integer.parseInt(line.substring(6).trim());
        } else if (line.startsWith("differs ")) {
          differing.add(line.substring(8));
        }
      }
      return new Comparison(null, total, differing);
    }
  }
}
