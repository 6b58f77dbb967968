package dev.provision.modules.packages;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileContentFact;
import dev.provision.modules.files.FileMode;
import dev.provision.modules.files.FileWrite;
import dev.provision.modules.files.Ownership;
import dev.provision.modules.files.PathStat;
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import dev.provision.modules.files.StatFact;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code yum_repository}: one [REPOID] section of /etc/yum.repos.d/FILE.repo, written as Ansible's
 * module writes it ({@link RepoFile}: RawConfigParser's format, the options in sorted order, booleans as
 * 0/1). Changed exactly when Ansible's sorted dump of the file differs; other sections are kept.
 */
public final class YumRepositoryModule implements Module {

  private static final List<String> BOOLS = List.of("async", "enabled", "enablegroups", "gpgcheck", "module_hotfixes",
      "keepalive", "protect", "repo_gpgcheck", "s3_enabled", "skip_if_unavailable", "ssl_check_cert_permissions",
      "sslverify");
  private static final List<String> STRINGS = List.of("bandwidth", "cost", "deltarpm_metadata_percentage",
      "deltarpm_percentage", "failovermethod", "gpgcakey", "http_caching", "include", "ip_resolve", "keepcache",
      "metadata_expire", "metadata_expire_filter", "metalink", "mirrorlist", "mirrorlist_expire", "password",
      "priority", "proxy", "proxy_password", "proxy_username", "retries", "sslcacert", "sslclientcert", "sslclientkey",
      "throttle", "timeout", "ui_repoid_vars", "username");
  private static final Set<String> SECRET = Set.of("password", "proxy_password");

  private static final ParamSchema SCHEMA = declared();

  private static ParamSchema declared() {
    ParamSchema.Builder b = ParamSchema.builder()
        .summary("Adds or removes a repository section in /etc/yum.repos.d/FILE.repo, in the format Ansible's yum_repository writes.")
        .note("The file is REPOSDIR/FILE.repo (FILE defaults to the name). The section [NAME] is replaced whole with the options given, in sorted order as key = value (booleans 1/0, several baseurl or gpgkey on tab-indented continuation lines, exclude and includepkgs joined by spaces), name = DESCRIPTION; other sections stay (their comments do not, as with Ansible's configparser). Changed when Ansible's sorted dump differs. absent removes the section, and the file when none is left.")
        .example("""
            - name: the EPEL repository
              yum_repository:
                name: epel
                description: EPEL YUM repo
                baseurl: https://download.fedoraproject.org/pub/epel/$releasever/$basearch/
                gpgcheck: true
                gpgkey: https://download.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9
              become: true
            """)
        .param(Param.string("name").required().describedAs("the repository id (the [section])"))
        .param(Param.string("description").describedAs("its name = line; required for present"))
        .param(Param.list("baseurl").describedAs("URLs of the repository"))
        .param(Param.list("gpgkey").describedAs("URLs or files of its keys"))
        .param(Param.list("exclude").describedAs("packages never taken from it"))
        .param(Param.list("includepkgs").describedAs("the only packages taken from it"))
        .param(Param.string("file").describedAs("the file's name without .repo (default: name)"))
        .param(Param.string("reposdir").defaultsTo("/etc/yum.repos.d").describedAs("the directory of repo files (must exist)"))
        .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present or absent"))
        .param(Param.any("mode").describedAs("the file's mode"))
        .param(Param.string("owner").describedAs("the file's owner"))
        .param(Param.string("group").describedAs("the file's group"))
        .param(Param.map("params").notSupportedYet("removed from Ansible in 2.5; give each option as its own parameter"));
    for (String name : BOOLS) {
      b.param(Param.bool(name).aliases(name.equals("sslverify") ? new String[] {"validate_certs"} : new String[0])
          .describedAs("written as " + name + " = 1 or 0"));
    }
    for (String name : STRINGS) {
      Param p = Param.string(name).describedAs("written as " + name + " = VALUE");
      p = switch (name) {
        case "sslcacert" -> p.aliases("ca_cert");
        case "sslclientcert" -> p.aliases("client_cert");
        case "sslclientkey" -> p.aliases("client_key");
        default -> p;
      };
      b.param(SECRET.contains(name) ? p.secret() : p);
    }
    return b.build();
  }

  @Override
  public String name() {
    return "yum_repository";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("yum_repository");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String repoid = params.string("name");
    boolean present = params.stringOr("state", "present").equals("present");
    if (present) {
      if (!params.has("baseurl") && !params.has("metalink") && !params.has("mirrorlist")) {
        throw new ModuleException("Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.");
      }
      if (!params.has("description")) {
        throw new ModuleException("Parameter 'description' is required.");
      }
    }
    RemotePath dir = RemotePath.of("reposdir", params.stringOr("reposdir", "/etc/yum.repos.d"));
    String fileName = params.optString("file").orElse(repoid);
    if (fileName.contains("/")) {
      throw new ModuleException("`file` `" + fileName + "` holds a /; give the directory as reposdir");
    }
    PathStat dirStat = host.fact(new StatFact(dir));
    if (!dirStat.isDirectory() && !host.changesPending()) {
      throw new ModuleException("Repo directory '" + dir + "' does not exist.");
    }
    RemotePath dest = dir.child(fileName + ".repo");
    boolean attributes = params.raw("mode") != null || params.has("owner") || params.has("group");
    RemoteFile current = PlannedFiles.read(host, FileContentFact.whole(dest), attributes);
    String text = current.stat().isFile() ? current.content() : "";
    RepoFile repo = RepoFile.parse(dest.text(), text);
    String before = repo.dump();
    if (present) {
      repo.add(repoid, options(params));
    } else {
      repo.remove(repoid);
    }
    boolean changed = !before.equals(repo.dump());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("repo", repoid);
    result.put("state", present ? "present" : "absent");
    if (changed && repo.isEmpty()) {
      return Plan.change("remove " + dest + ", empty without " + repoid, List.of(Diff.of(dest.text(), text, "")),
          List.of(ExecAction.of("rm -f -- " + dest.shell()).describedAs("remove " + dest))).withResult(result);
    }
    if (!current.stat().isFile() && !changed) {
      return Plan.noop("repository " + repoid + " is not in " + dest, result);
    }
    byte[] content = (changed ? repo.write() : text).getBytes(StandardCharsets.UTF_8);
    FileWrite write = FileWrite.of(dest, content, FileMode.parse(params.raw("mode")),
        Ownership.of(params.optString("owner").orElse(null), params.optString("group").orElse(null)));
    String change = (present ? "set repository " : "remove repository ") + repoid + " in " + dest;
    return write.plan(current, change, "repository " + repoid + (present ? " is in " : " is not in ") + dest + " as wanted", result);
  }

  /** Ansible's add(): the allowed options given, in sorted order, name = the description. */
  private static Map<String, String> options(Params params) {
    Map<String, String> sorted = new TreeMap<>();
    for (String b : BOOLS) {
      if (params.has(b)) {
        sorted.put(b, params.bool(b) ? "1" : "0");
      }
    }
    for (String s : STRINGS) {
      params.optString(s).ifPresent(v -> sorted.put(s, v));
    }
    if (params.has("baseurl")) {
      sorted.put("baseurl", String.join("\n", params.strings("baseurl")));
    }
    if (params.has("gpgkey")) {
      sorted.put("gpgkey", String.join("\n", params.strings("gpgkey")));
    }
    for (String l : List.of("exclude", "includepkgs")) {
      if (params.has(l)) {
        sorted.put(l, String.join(" ", params.strings(l)));
      }
    }
    sorted.put("name", params.string("description"));
    return sorted;
  }
}
