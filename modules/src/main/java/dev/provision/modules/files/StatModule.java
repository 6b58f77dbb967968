package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.List;
import java.util.Map;

/**
 * {@code stat}: reads one path with one command ({@link PathInfoFact}) and registers Ansible's
 * {@code stat} dictionary. It never changes anything, so its plan and its apply are the same read.
 */
public final class StatModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Reads a path (type, mode, owner, size, times, checksum) and registers Ansible's stat dictionary; never changes anything.")
      .note("One read-only command. Registers Ansible's stat keys: exists, path, mode, isdir/isreg/islnk/ischr/isblk/isfifo/issock, uid, gid, pw_name, gr_name, size, inode, dev, nlink, atime/mtime/ctime, the nine permission bits, isuid, isgid, readable/writeable/executable (for the login user), lnk_target/lnk_source, checksum. Differences from Ansible: no mimetype, charset, attributes or version.")
      .example("""
          - name: is the config there
            stat: {path: /etc/app.conf, checksum_algorithm: sha256}
            register: conf
          """)
      .param(Param.string("path").required().aliases("dest", "name").describedAs("absolute path on the host"))
      .param(Param.bool("follow").defaultsTo(false).describedAs("follow a final symbolic link"))
      .param(Param.bool("get_checksum").defaultsTo(true).describedAs("checksum a readable regular file"))
      .param(Param.string("checksum_algorithm").aliases("checksum", "checksum_algo").defaultsTo("sha1")
          .choices("md5", "sha1", "sha224", "sha256", "sha384", "sha512").describedAs("the checksum's algorithm"))
      .param(Param.bool("get_mime").aliases("mime", "mime_type", "mime-type").defaultsTo(true)
          .describedAs("accepted for Ansible playbooks; mimetype and charset are not read"))
      .param(Param.bool("get_attributes").aliases("attr", "attributes").defaultsTo(true)
          .describedAs("accepted for Ansible playbooks; lsattr attributes are not read"))
      .build();

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("stat");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    RemotePath path = RemotePath.of("path", params.string("path"));
    String algorithm = params.bool("get_checksum") ? params.stringOr("checksum_algorithm", "sha1") : null;
    PathInfo info = host.fact(new PathInfoFact(path, params.bool("follow"), algorithm));
    PathStat stat = info.stat();
    String found = stat.exists() ? path + " is a " + stat.type().word() : path + " does not exist";
    return Plan.noop(found, Map.of("stat", info.ansibleView()));
  }
}
