package dev.provision.modules.files;

import dev.provision.module.Action;
import dev.provision.module.Diff;
import dev.provision.module.Plan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way a module plans a file's new content and attributes against what the host has
 * ({@code copy}, {@code template}, {@code lineinfile}, {@code blockinfile}): the same content with the
 * wanted mode and owner is compliant; other attributes alone are fixed in place; new content is a
 * text diff and one {@link AtomicWrite} (with the optional {@code backup} and {@code validate}).
 */
public record FileWrite(RemotePath dest, NewContent content, FileMode mode, Ownership owners, boolean backup,
    String validate, boolean makeDirectory) {

  public FileWrite {
    owners = owners == null ? new Ownership(null, null) : owners;
  }

  public static FileWrite of(RemotePath dest, byte[] content, FileMode mode, Ownership owners) {
    return of(dest, NewContent.of(content), mode, owners);
  }

  static FileWrite of(RemotePath dest, NewContent content, FileMode mode, Ownership owners) {
    return new FileWrite(dest, content, mode, owners, false, null, false);
  }

  /** The same write, keeping a timestamped copy of the old file ({@code backup}) and checked by {@code validate} first. */
  public FileWrite guarded(boolean keepBackup, String validateCommand) throws dev.provision.module.ModuleException {
    if (validateCommand != null) {
      if (!validateCommand.contains("%s")) {
        throw new dev.provision.module.ModuleException("validate must contain %s (the new file's path): `"
            + validateCommand + "`");
      }
      try {
        dev.provision.connection.Shlex.split(validateCommand);
      } catch (IllegalArgumentException e) {
        throw new dev.provision.module.ModuleException("validate `" + validateCommand + "`: " + e.getMessage());
      }
    }
    return new FileWrite(dest, content, mode, owners, keepBackup, validateCommand, makeDirectory);
  }

  /** The same write, creating the file's missing directories first when {@code create} is true. */
  public FileWrite creatingDirectory(boolean create) {
    return new FileWrite(dest, content, mode, owners, backup, validate, create);
  }

  public String sha256() {
    return content.sha256();
  }

  /**
   * The plan: {@code noop} when the host has this content with the wanted attributes, else
   * {@code change} (the summary of a content change, "update /etc/x") or an attribute fix.
   */
  public Plan plan(RemoteFile current, String change, String noop, Map<String, Object> result) {
    PathStat stat = current.stat();
    boolean sameContent = stat.isFile() && sha256().equals(current.sha256());
    PathStat existing = stat.isFile() ? stat : PathStat.absent();
    boolean modeOk = mode == null || existing.exists() && mode.satisfiedBy(existing);
    boolean ownerOk = owners.isEmpty() || existing.exists() && owners.satisfiedBy(existing);
    Ownership noOwners = new Ownership(null, null);
    List<Diff> diffs = new ArrayList<>();
    if (!sameContent) {
      diffs.add(Diff.of(dest.text(), shown(current), content.shown()));
    }
    if (!modeOk || !ownerOk) {
      diffs.add(Attributes.diff(dest, existing, modeOk ? null : mode, ownerOk ? noOwners : owners));
    }
    if (sameContent && modeOk && ownerOk) {
      return Plan.noop(noop, result);
    }
    List<Action> actions = new ArrayList<>();
    String summary;
    if (!sameContent) {
      AtomicScript script = AtomicScript.fromStdin(dest, content.size()).attributes(mode, owners)
          .validatedBy(validate);
      script = backup ? script.backedUp() : script;
      actions.add(new AtomicWrite(makeDirectory ? script.creatingDirectory() : script, content));
      summary = change;
    } else {
      actions.addAll(Attributes.fix(dest, existing, modeOk ? null : mode, ownerOk ? noOwners : owners, false));
      summary = "change " + Attributes.words(!modeOk, !ownerOk) + " of " + dest;
    }
    return Plan.change(summary, diffs, actions).withResult(result);
  }

  /** What a diff shows of the host's file: its text, or a note for a large or binary one. */
  static String shown(RemoteFile current) {
    if (!current.stat().isFile()) {
      return "";
    }
    if (current.content() == null || current.stat().size() > FileContentFact.LIMIT) {
      return "(" + current.stat().size() + " bytes, too large to show)\n";
    }
    return current.content().indexOf('\0') >= 0 ? "(binary, " + current.stat().size() + " bytes)\n" : current.content();
  }

  static String shown(byte[] bytes) {
    if (bytes.length > FileContentFact.LIMIT) {
      return "(" + bytes.length + " bytes, too large to show)\n";
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.indexOf('\0') >= 0 ? "(binary, " + bytes.length + " bytes)\n" : text;
  }
}
