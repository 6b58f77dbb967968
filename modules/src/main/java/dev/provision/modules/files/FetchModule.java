package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fetch}: a host file copied to the control node, as Ansible's fetch action. The plan compares
 * the host file's SHA-1 ({@link PathInfoFact}) with the local copy's, so a second run changes nothing;
 * only the action reads the file's bytes and writes the local file (atomically), then checks that what
 * it wrote has the checksum the host reported.
 */
public final class FetchModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Copies a file from the host to the control node (DEST/HOST/SRC, or DEST itself with flat), as Ansible's fetch.")
      .note("Compared by SHA-1: the same content is ok. Without flat the file lands in DEST/INVENTORY_HOSTNAME/SRC; with flat in DEST, or DEST/NAME when DEST ends with /. A relative DEST is under the playbook's directory. A missing file fails (fail_on_missing), with Ansible's message; a directory always fails. Written atomically on the control node, and checked against the host's checksum (validate_checksum).")
      .returns("dest", "the local path written")
      .returns("file", "the host path read")
      .returns("checksum", "SHA-1 of the local file")
      .returns("remote_checksum", "SHA-1 of the host file, when it was copied")
      .returns("md5sum", "MD5 of the local file")
      .example("""
          - name: bring back the admin kubeconfig
            fetch: {src: /etc/kubernetes/admin.conf, dest: out/, flat: false}
            become: true
          """)
      .param(Param.string("src").required().describedAs("absolute path of the file on the host"))
      .param(Param.string("dest").required().describedAs("the control-node directory (or file, with flat)"))
      .param(Param.bool("flat").defaultsTo(false).describedAs("write DEST itself (or DEST/NAME for a DEST ending in /), not DEST/HOST/SRC"))
      .param(Param.bool("fail_on_missing").defaultsTo(true).describedAs("fail when SRC is missing (else ok, with a message)"))
      .param(Param.bool("validate_checksum").defaultsTo(true).describedAs("fail when the written file's checksum differs from the host's"))
      .build();

  @Override
  public String name() {
    return "fetch";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("fetch");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    RemotePath src = RemotePath.of("src", params.string("src"));
    String given = params.string("dest");
    if (given.isBlank()) {
      throw new ModuleException("`dest` is empty");
    }
    PathInfo info = host.fact(new PathInfoFact(src, true, "sha1"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", src.text());
    if (!info.stat().exists()) {
      String msg = "the remote file does not exist, not transferring, ignored";
      if (params.bool("fail_on_missing")) {
        if (host.changesPending()) {
          throw host.knownAfterApply(src + " does not exist yet; an earlier task may create it");
        }
        throw new ModuleException(msg + " (" + src + ")", Map.of("file", src.text()));
      }
      // the message is what register stores as msg: Ansible's words
      return Plan.noop(msg, result);
    }
    if (info.stat().isDirectory()) {
      throw new ModuleException("remote file is a directory, fetch cannot work on directories (" + src + ")");
    }
    if (info.checksum() == null) {
      throw new ModuleException("cannot read " + src + " on the host (not readable by the login user; use become)");
    }
    String remote = info.checksum().split("\\s+")[0];
    Path dest = localDest(params, host, src);
    byte[] local = readLocal(dest);
    result.put("dest", dest.toString());
    if (local != null && Checksums.sha1(local).equals(remote)) {
      result.put("checksum", remote);
      result.put("md5sum", Checksums.md5(local));
      return Plan.noop(dest + " already has " + src, result);
    }
    return Plan.change("fetch " + src + " to " + dest,
        new Fetched(src, dest, remote, params.bool("validate_checksum"))).withResult(result);
  }

  /** Ansible's destination: DEST/HOST/SRC, or with flat DEST (DEST/NAME for a trailing /), under playbook_dir when relative. */
  static Path localDest(Params params, HostContext host, RemotePath src) throws ModuleException {
    String given = params.string("dest");
    Path base = Path.of(String.valueOf(host.vars().getOrDefault("playbook_dir", ".")));
    Path dest;
    if (params.bool("flat")) {
      String text = given.endsWith("/") ? given + src.fileName() : given;
      dest = base.resolve(text).normalize();
      if (!given.endsWith("/") && Files.isDirectory(dest)) {
        throw new ModuleException("dest is an existing directory, use a trailing slash if you want to fetch src into that directory");
      }
    } else {
      Path root = base.resolve(given).normalize();
      String hostName = String.valueOf(host.vars().getOrDefault("inventory_hostname", host.host()));
      dest = Path.of(root + "/" + hostName + "/" + src.text()).normalize();
      if (!dest.startsWith(root)) {
        throw new ModuleException("Detected directory traversal, expected to be contained in '" + root + "' but got '" + dest + "'");
      }
    }
    return dest;
  }

  private static byte[] readLocal(Path dest) throws ModuleException {
    if (!Files.isRegularFile(dest)) {
      return null;
    }
    try {
      return Files.readAllBytes(dest);
    } catch (IOException e) {
      throw new ModuleException("cannot read " + dest + " on the control node: " + e.getMessage(), e);
    }
  }

  /** Reads the host file (base64, any bytes) and writes it on the control node through a temporary file. */
  record Fetched(RemotePath src, Path dest, String remoteChecksum, boolean validate) implements Action {

    @Override
    public String describe() {
      return "copy " + src + " from the host to " + dest + " on the control node";
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
      byte[] bytes = host.fact(new SlurpFact(src));
      String written = Checksums.sha1(bytes);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("file", src.text());
      data.put("dest", dest.toString());
      data.put("checksum", written);
      data.put("md5sum", Checksums.md5(bytes));
      data.put("remote_checksum", remoteChecksum);
      if (validate && !written.equals(remoteChecksum)) {
        // the file changed on the host between the plan's read and this one
        throw new ModuleException("checksum mismatch: " + src + " read as " + written + ", the host said " + remoteChecksum, data);
      }
      try {
        Files.createDirectories(dest.getParent());
        Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName(), ".tmp");
        try {
          Files.write(tmp, bytes);
          try {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException e) {
        throw new ModuleException("Failed to fetch the file: " + e.getMessage(), data);
      }
      return data;
    }
  }
}
