package dev.provision.modules.accounts;

import dev.provision.connection.ConnectionException;
import dev.provision.module.Action;
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
import dev.provision.modules.files.PlannedFiles;
import dev.provision.modules.files.RemoteFile;
import dev.provision.modules.files.RemotePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code authorized_key} (ansible.posix): SSH public keys in a user's authorized_keys, edited with
 * Ansible's algorithm ({@link AuthorizedKeys}) on the file read whole once; the new text is written
 * atomically, 0600 and owned by the user, after the .ssh directory is made 0700 and the user's
 * (manage_dir), as Ansible does on every write.
 */
public final class AuthorizedKeyModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Adds or removes SSH public keys in a user's authorized_keys (ansible.posix.authorized_key), with Ansible's algorithm.")
      .note("The key file is ~USER/.ssh/authorized_keys (from getent passwd) unless path says otherwise. A key is known by its base64 part: present adds it at the end, or rewrites it in place of the old line when its options or comment differ; exclusive removes every other line, comments included; absent removes it. Key lines are written back as Ansible writes them (OPTIONS TYPE KEY COMMENT, a trailing space when there is no comment). On a write the file is made 0600 and the user's, and with manage_dir the directory 0700 and the user's. A key given as a URL is not supported yet (fetch it with uri or get_url, then pass its content).")
      .returns("keyfile", "the authorized_keys file")
      .example("""
          - name: the deploy key
            ansible.posix.authorized_key:
              user: deploy
              key: "{{ lookup('file', 'files/deploy.pub') }}"
              key_options: 'from="10.0.0.0/8",no-pty'
            become: true
          """)
      .param(Param.string("user").required().describedAs("the user whose keys these are"))
      .param(Param.string("key").required().describedAs("one or more public keys, one a line (# lines are ignored)"))
      .param(Param.string("path").describedAs("the key file (default ~USER/.ssh/authorized_keys)"))
      .param(Param.bool("manage_dir").defaultsTo(true).describedAs("create the key file's directory, 0700 and owned by the user"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present: the keys are there; absent: they are not"))
      .param(Param.string("key_options").describedAs("options for every key (from=\"...\",no-pty), replacing the key's own"))
      .param(Param.bool("exclusive").defaultsTo(false).describedAs("remove every other line of the file"))
      .param(Param.string("comment").describedAs("the comment of every key, replacing the key's own"))
      .param(Param.bool("validate_certs").defaultsTo(true).describedAs("accepted for Ansible playbooks (keys from URLs are not supported yet)"))
      .param(Param.bool("follow").notSupportedYet("the key file is written in place; point path at the link's target"))
      .build();

  @Override
  public String name() {
    return "ansible.posix.authorized_key";
  }

  @Override
  public List<String> aliases() {
    // the short name ansible-core routes to ansible.posix
    return List.of("authorized_key");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String user = AccountNames.check("user", params.string("user"));
    String key = params.string("key");
    if (key.startsWith("http")) {
      throw new ModuleException("a key from a URL (" + key + ") is not supported yet: fetch it with uri or get_url and pass its content");
    }
    Optional<PasswdFact.Entry> entry = host.fact(new PasswdFact(user));
    if (entry.isEmpty()) {
      if (host.changesPending()) {
        throw host.knownAfterApply("user " + user + " does not exist yet; an earlier task may create it");
      }
      throw new ModuleException("Failed to lookup user " + user + ": 'getpwnam(): name not found: " + user + "'");
    }
    PasswdFact.Entry who = entry.get();
    RemotePath keyfile = params.has("path") ? RemotePath.of("path", params.string("path"))
        : RemotePath.of("home of " + user, who.home() + "/.ssh/authorized_keys");
    RemoteFile file = PlannedFiles.read(host, FileContentFact.whole(keyfile), true);
    if (file.stat().exists() && !file.stat().isFile()) {
      throw new ModuleException(keyfile + " is a " + file.stat().type().word() + ", not a file");
    }
    String before = file.stat().isFile() ? file.content() : "";
    if (file.stat().isFile() && !file.isUtf8Text()) {
      throw new ModuleException(keyfile + " is not UTF-8 text");
    }
    boolean present = params.stringOr("state", "present").equals("present");
    AuthorizedKeys.Outcome outcome = AuthorizedKeys.enforce(before, key, present,
        params.optString("key_options").orElse(null), params.optString("comment").orElse(null), params.bool("exclusive"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("user", user);
    result.put("keyfile", keyfile.text());
    result.put("state", present ? "present" : "absent");
    result.put("exclusive", params.bool("exclusive"));
    if (!outcome.write()) {
      return Plan.noop((present ? "the keys are in " : "the keys are not in ") + keyfile, result);
    }
    Ownership owner = Ownership.of(String.valueOf(who.uid()), String.valueOf(who.gid()));
    FileWrite write = FileWrite.of(keyfile, outcome.text().getBytes(StandardCharsets.UTF_8), FileMode.parse("0600"), owner)
        .creatingDirectory(true);
    String change = (present ? "add keys to " : "remove keys from ") + keyfile;
    Plan planned = write.plan(file, change, change, result);
    List<Action> actions = new ArrayList<>();
    if (params.bool("manage_dir")) {
      RemotePath dir = keyfile.parent();
      // Ansible: os.mkdir (the parent must exist), then chown and chmod on every write
      actions.add(ExecAction.of("{ [ -d " + dir.shell() + " ] || mkdir -m 0700 -- " + dir.shell() + "; } && chown "
          + who.uid() + ":" + who.gid() + " -- " + dir.shell() + " && chmod 0700 -- " + dir.shell())
          .describedAs("make " + dir + " 0700, owned by " + user));
    }
    actions.addAll(planned.actions());
    return new Plan(actions, planned.diffs(), change, result);
  }
}
