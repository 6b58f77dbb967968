package dev.provision.modules.files;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.ExecAction;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code file}: a path's state (directory, absent, link, file, touch) and its mode and owner.
 * {@code touch} creates a missing file but leaves timestamps alone, so a second run is "ok".
 */
public final class FileModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Sets a path's state (directory, absent, link, file, touch) and its mode and owner.")
      .note("`touch` creates a missing file but never updates timestamps, so a second run is ok. Links use"
          + " `ln -sfnT`. The diff shows the path's state. Removing / or ~ is refused.")
      .example("""
              - file: {path: ~/.local/bin, state: directory, mode: "0755"}
              - file: {src: ~/.local/bin/virtctl, dest: ~/.local/bin/kubectl-virt, state: link}
              """)
      .param(Param.string("path").required().aliases("dest", "name").describedAs("absolute, or starting with ~/"))
      .param(Param.string("state").choices("file", "directory", "absent", "link", "touch").defaultsTo("file")
          .describedAs("file: must exist already; directory: created with its parents; link: a symlink to src"))
      .param(Param.string("src").describedAs("the target of a link"))
      .param(Param.any("mode").describedAs("octal ('0755') or symbolic (u=rwx,go=rx); with state: link, the target's mode, as Ansible's follow: true"))
      .param(Param.string("owner").describedAs("user name or numeric id"))
      .param(Param.string("group").describedAs("group name or numeric id"))
      .param(Param.bool("recurse").defaultsTo(false).describedAs("directory: apply mode and owner below it too"))
      .param(Param.bool("force").defaultsTo(false).describedAs("link: replace an existing file"))
      .build();

  @Override
  public String name() {
    return "file";
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
    FileRequest want = FileRequest.of(params);
    PathStat stat = host.fact(new StatFact(want.path()));
    RemotePath path = want.path();
    List<Action> actions = new ArrayList<>();
    String change;
    switch (want.state()) {
      case "absent" -> {
        if (!stat.exists()) {
          return Plan.noop("path " + path + " is already absent");
        }
        if (path.isRootOrHome()) {
          throw new ModuleException("refusing to remove " + path);
        }
        actions.add(ExecAction.of("rm -rf -- " + path.shell()).describedAs("remove " + path));
        change = "remove " + stat.type().word() + " " + path;
      }
      case "directory" -> {
        if (stat.exists() && !stat.isDirectory()) {
          throw new ModuleException(path + " exists and is a " + stat.type().word() + ", not a directory");
        }
        if (!stat.exists()) {
          actions.add(ExecAction.of("mkdir -p -- " + path.shell()).describedAs("create directory " + path));
        }
        change = stat.exists() ? null : "create directory " + path;
      }
      case "file" -> {
        if (!stat.exists()) {
          throw new ModuleException("file " + path + " does not exist; use state: touch to create it");
        }
        if (!stat.isFile()) {
          throw new ModuleException(path + " is a " + stat.type().word() + ", not a file");
        }
        change = null;
      }
      case "touch" -> {
        if (!stat.exists()) {
          actions.add(ExecAction.of("touch -- " + path.shell()).describedAs("create empty file " + path));
        }
        change = stat.exists() ? null : "create file " + path;
      }
      default -> {
        change = link(want, stat, actions);
      }
    }
    boolean created = !stat.exists() || want.state().equals("link") && !actions.isEmpty();
    if (want.state().equals("link") && want.mode() != null) {
      change = linkTargetMode(want, actions, change, host);
    }
    if (!want.state().equals("absent")) {
      change = attributes(want, created ? PathStat.absent() : stat, actions, change, host);
    }
    Diff diff = Diff.of(path.text(), StateText.before(stat, want), StateText.after(stat, want));
    if (actions.isEmpty()) {
      return Plan.noop(StateText.noopReason(stat, want));
    }
    return Plan.change(change, List.of(diff), actions);
  }

  private static String link(FileRequest want, PathStat stat, List<Action> actions) throws ModuleException {
    RemotePath path = want.path();
    if (stat.isLink() && want.src().equals(stat.linkTarget())) {
      return null;
    }
    if (stat.isDirectory() || stat.type() == PathStat.Type.OTHER) {
      throw new ModuleException(path + " is a " + stat.type().word() + "; remove it before linking");
    }
    if (stat.isFile() && !want.force()) {
      throw new ModuleException(path + " is a file; set force: true to replace it with a link");
    }
    actions.add(ExecAction.of("ln -sfnT -- " + dev.provision.connection.Shell.quote(want.src()) + " " + path.shell())
        .describedAs("link " + path + " -> " + want.src()));
    return (stat.isLink() ? "repoint link " : "create link ") + path + " -> " + want.src();
  }

  /**
   * {@code mode} with state: link is the target's, as in Ansible (whose {@code follow} defaults to
   * true, and Linux has no mode of a link's own): chmod of {@code src}, when it differs.
   */
  private static String linkTargetMode(FileRequest want, List<Action> actions, String change, HostContext host)
      throws ModuleException, ConnectionException {
    String src = want.src();
    String target = src.startsWith("/") || src.startsWith("~") ? src
        : want.path().text().contains("/") ? want.path().text().substring(0, want.path().text().lastIndexOf('/') + 1) + src
        : src;
    RemotePath targetPath = RemotePath.of("src", target);
    PathStat targetStat = host.fact(new StatFact(targetPath));
    if (!targetStat.exists()) {
      if (host.changesPending()) {
        throw host.knownAfterApply("the link's target " + target + " does not exist yet; an earlier task would"
            + " change the host");
      }
      if (!want.force()) {
        throw new ModuleException("src " + target + " does not exist, so its mode cannot be set; set force: true"
            + " to create the link anyway, as Ansible asks");
      }
      return change;
    }
    if (want.mode().satisfiedBy(targetStat)) {
      return change;
    }
    actions.add(ExecAction.of("chmod " + want.mode().chmodArgument(targetStat) + " -- " + targetPath.shell())
        .describedAs("set mode " + want.mode().describe(targetStat) + " on " + target + " (the link's target)"));
    return change != null ? change : "change mode of " + target;
  }

  /** Adds the chmod/chown actions needed (recursive ones too) and returns the change summary. */
  private static String attributes(FileRequest want, PathStat current, List<Action> actions, String change,
      HostContext host) throws ModuleException, ConnectionException {
    RemotePath path = want.path();
    FileMode mode = want.state().equals("link") ? null : want.mode();
    Ownership owners = want.owners();
    boolean modeOk = mode == null || current.exists() && mode.satisfiedBy(current);
    boolean ownersOk = owners.isEmpty() || current.exists() && owners.satisfiedBy(current);
    if (want.recurse() && current.exists()) {
      modeOk = modeOk && (mode == null || host.fact(TreeFact.mode(path, mode)).isEmpty());
      ownersOk = ownersOk && (owners.isEmpty() || host.fact(TreeFact.owners(path, owners)).isEmpty());
    }
    String recursive = want.recurse() ? "-R " : "";
    if (!modeOk) {
      actions.add(ExecAction.of("chmod " + recursive + mode.chmodArgument(current) + " -- " + path.shell())
          .describedAs("set mode " + mode.describe(current) + " on " + path + (want.recurse() ? " and below" : "")));
    }
    if (!ownersOk) {
      String flags = want.recurse() ? "-hR " : want.state().equals("link") ? "-h " : "";
      actions.add(ExecAction.of("chown " + flags + owners.chownArgument() + " -- " + path.shell())
          .describedAs("set owner " + owners.chownArgument() + " on " + path + (want.recurse() ? " and below" : "")));
    }
    if (change != null || modeOk && ownersOk) {
      return change;
    }
    return "change " + Attributes.words(!modeOk, !ownersOk) + " of " + path;
  }
}
