package dev.provision.modules.packages;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Action;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.files.FileContentFact;
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code rpm_key}: a PGP public key in the host's rpm database ({@code gpg-pubkey-<id>}), as
 * Ansible's module. The key's id is read from the key file here (no gpg needed on the host); the
 * imported ones are {@code rpm -q gpg-pubkey}'s versions (their short ids).
 */
public final class RpmKeyModule implements Module {

  /** Ansible's test for a key id: eight hex digits at the start, after an optional 0x. */
  private static final Pattern KEY_ID = Pattern.compile("(?i)(0x)?[0-9a-f]{8}.*", Pattern.DOTALL);

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Imports a PGP public key into the host's rpm database (`rpm --import`), or removes one.")
      .note("`key` is the path of an ASCII-armoured key file on the host (a file an earlier task of the plan writes"
          + " is read as that task plans it) or, for state absent, a key id. The key is imported when its short id"
          + " (the last 8 hex digits of its key id) is not among the versions of `rpm -q gpg-pubkey`; absent runs"
          + " `rpm --erase --allmatches gpg-pubkey-<id>`. The key's id and fingerprint are read from the file"
          + " itself (version 4 keys), so the host needs no gpg. The result has only `changed`, as Ansible's.")
      .param(Param.string("key").required().describedAs("a key file's path on the host, or a key id (8 hex digits or more, 0x allowed)"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present: imported; absent: removed"))
      .param(Param.string("fingerprint").describedAs("the key's full fingerprint (spaces allowed): the import fails if the file's differs"))
      .param(Param.bool("validate_certs").defaultsTo(true).describedAs("accepted; a key URL is not supported yet"))
      .example("""
          - name: the EPEL signing key
            rpm_key:
              key: /etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9
              fingerprint: FF8A D134 4597 106E CE81 3B91 8A38 72BF 3228 467C
          """)
      .build();

  @Override
  public String name() {
    return "rpm_key";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin(name());
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** The short ids of the keys rpm has ({@code gpg-pubkey}'s versions); none when rpm says none is installed. */
  record Imported() implements dev.provision.module.Fact<Set<String>> {
    @Override
    public String key() {
      return "rpm.gpg-pubkeys";
    }

    @Override
    public String command() {
      return "rpm -q gpg-pubkey --qf '%{version}\\n'";
    }

    @Override
    public Set<String> parse(CommandResult result) throws ModuleException {
      if (result.exitCode() == 127) {
        throw ShellFact.failed("rpm -q gpg-pubkey", result);
      }
      Set<String> ids = new LinkedHashSet<>();
      if (result.exitCode() != 0) {
        return ids; // "package gpg-pubkey is not installed": no key, as Ansible reads it
      }
      for (String line : result.stdout().split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
      return ids;
    }
  }

  /** One rpm command; the result is only {@code changed}, as Ansible's. */
  record RpmCommand(String command, String description) implements Action {
    @Override
    public String describe() {
      return description;
    }

    @Override
    public Map<String, Object> apply(HostContext host) throws ModuleException, ConnectionException {
      CommandResult result = host.connection().run(dev.provision.connection.Command.of(command)
          .withBecome(host.become()).withTimeout(host.timeout()));
      if (!result.succeeded()) {
        throw new ModuleException("`" + command + "` exited " + result.exitCode() + ": " + result.failureText());
      }
      return Map.of();
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String key = params.string("key").strip();
    boolean present = params.string("state").equals("present");
    if (key.contains("://")) {
      throw new ModuleException("a key URL (" + key + ") is not supported yet: download it first (get_url) and give"
          + " the file's path");
    }
    OpenPgpKey file = null;
    String keyId;
    if (KEY_ID.matcher(key).matches()) {
      keyId = normalize(key);
    } else {
      RemotePath path = RemotePath.of("key", key);
      RemoteFile read = PlannedFiles.read(host, FileContentFact.whole(path), false);
      if (!read.stat().isFile() || read.content() == null) {
        throw new ModuleException("Not a valid key " + key);
      }
      file = OpenPgpKey.parse(read.content(), key);
      keyId = file.keyId();
    }
    String shortId = keyId.substring(Math.max(0, keyId.length() - 8)).toLowerCase(Locale.ROOT);
    boolean imported = host.fact(new Imported()).contains(shortId);
    if (present) {
      if (imported) {
        return Plan.noop("key " + shortId + " is imported", Map.of());
      }
      if (file == null) {
        throw new ModuleException("When importing a key, a valid file must be given");
      }
      String wanted = params.optString("fingerprint").map(f -> f.replace(" ", "").toUpperCase(Locale.ROOT)).orElse(null);
      if (wanted != null && !wanted.equals(file.fingerprint())) {
        throw new ModuleException("The specified fingerprint, '" + wanted + "', does not match the key fingerprint '"
            + file.fingerprint() + "'");
      }
      return Plan.change("import key " + shortId + " from " + key,
          new RpmCommand("rpm --import " + Shell.quote(key), "rpm --import " + key));
    }
    if (!imported) {
      return Plan.noop("key " + shortId + " is not imported", Map.of());
    }
    String pkg = "gpg-pubkey-" + shortId;
    return Plan.change("remove key " + shortId,
        new RpmCommand("rpm --erase --allmatches " + Shell.quote(pkg), "rpm --erase --allmatches " + pkg));
  }

  /** Ansible's: no 0x, no surrounding blanks, upper case. */
  private static String normalize(String keyId) {
    String id = keyId.strip().toUpperCase(Locale.ROOT);
    return id.startsWith("0X") ? id.substring(2) : id;
  }
}
