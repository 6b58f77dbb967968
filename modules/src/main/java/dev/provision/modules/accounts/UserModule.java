package dev.provision.modules.accounts;

import dev.provision.connection.CommandResult;
import dev.provision.connection.ConnectionException;
import dev.provision.connection.Shell;
import dev.provision.module.Action;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code user}: a local account present with its uid, primary group, groups, home, shell and
 * comment, or absent; read with one command ({@code getent}, {@code id}) and changed with useradd,
 * usermod, userdel. The password hash is never read back as text (only its SHA-256) and is set
 * through {@code chpasswd -e} on stdin, so it reaches no command line and no output.
 */
public final class UserModule implements Module {

  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Ensures a local account exists with its uid, groups, home, shell and password hash, or is absent.")
      .note("One read (getent passwd, id, and only the SHA-256 of the shadow hash, never the hash). The password hash is set with chpasswd -e on stdin: never on a command line or in output.")
      .example("""
          - name: deploy user
            user: {name: deploy, groups: [wheel], append: true, shell: /bin/bash}
            become: true
          """)
      .param(Param.string("name").required().aliases("user").describedAs("the account"))
      .param(Param.string("state").choices("present", "absent").defaultsTo("present").describedAs("present or absent"))
      .param(Param.integer("uid").describedAs("the numeric user id"))
      .param(Param.string("group").describedAs("the primary group (it must exist)"))
      .param(Param.list("groups").describedAs("supplementary groups; exactly these unless append"))
      .param(Param.bool("append").defaultsTo(false).describedAs("add to groups, keep the others"))
      .param(Param.string("home").describedAs("the home directory"))
      .param(Param.string("shell").describedAs("the login shell"))
      .param(Param.string("comment").describedAs("the GECOS field"))
      .param(Param.bool("system").defaultsTo(false).describedAs("a system account when created"))
      .param(Param.bool("create_home").aliases("createhome").defaultsTo(true).describedAs("make the home when created"))
      .param(Param.string("password").secret().describedAs("the crypted hash, as in /etc/shadow"))
      .param(Param.string("update_password").choices("always", "on_create").defaultsTo("always").describedAs("always: set the hash when it differs; on_create: only for a new account"))
      .param(Param.bool("remove").defaultsTo(false).describedAs("with state absent: remove the home too"))
      .param(Param.bool("force").defaultsTo(false).describedAs("with state absent: userdel -f"))
      .param(Param.bool("move_home").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.any("expires").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("generate_ssh_key").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("password_lock").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("non_unique").notSupportedYet(null).describedAs("not supported yet"))
      .param(Param.bool("local").notSupportedYet(null).describedAs("not supported yet"))
      .build();

  @Override
  public String name() {
    return "user";
  }

  @Override
  public List<String> aliases() {
    return Module.ansibleBuiltin("user");
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  /** An account as the host has it; {@code uid} -1 when absent. */
  record Account(long uid, String group, Set<String> groups, String home, String shell, String comment,
      String passwordSha) {}

  record AccountFact(String name) implements Fact<Account> {
    @Override
    public String key() {
      return "user:" + name;
    }

    @Override
    public String command() {
      return "getent passwd " + name + " || { echo absent; exit 0; }; echo \"group=$(id -gn " + name + ")\"; "
          + "echo \"groups=$(id -Gn " + name + ")\"; "
          + "echo \"shadow=$(getent shadow " + name + " 2>/dev/null | cut -d: -f2 | sha256sum | cut -c1-64)\"";
    }

    @Override
    public Account parse(CommandResult result) throws ModuleException {
      String[] lines = result.stdout().split("\n");
      if (lines[0].strip().equals("absent")) {
        return new Account(-1, null, Set.of(), null, null, null, null);
      }
      String[] f = lines[0].split(":", -1);
      if (f.length < 7) {
        throw new ModuleException("unexpected getent output for user " + name);
      }
      String group = null;
      Set<String> groups = new LinkedHashSet<>();
      String shadow = null;
      for (String line : lines) {
        if (line.startsWith("group=")) {
          group = line.substring(6).strip();
        } else if (line.startsWith("groups=")) {
          groups.addAll(Arrays.asList(line.substring(7).strip().split("\\s+")));
        } else if (line.startsWith("shadow=")) {
          shadow = line.substring(7).strip();
        }
      }
      groups.remove(group);
      groups.remove("");
      return new Account(Long.parseLong(f[2]), group, groups, f[5], f[6], f[4], shadow);
    }
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String name = AccountNames.check("user", params.string("name"));
    boolean present = params.stringOr("state", "present").equals("present");
    Account now = host.fact(new AccountFact(name));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", name);
    if (!present) {
      if (now.uid() < 0) {
        return Plan.noop("user " + name + " is absent", result);
      }
      String del = "userdel" + (params.bool("remove") ? " -r" : "") + (params.bool("force") ? " -f" : "") + " " + name;
      return Plan.change("remove user " + name, List.of(Diff.of("user " + name, describe(now), "")),
          List.of(ExecAction.of(del))).withResult(result);
    }
    Long uid = params.optInteger("uid").orElse(null);
    String group = params.optString("group").map(g -> g).orElse(null);
    if (group != null) {
      AccountNames.check("group", group);
    }
    List<String> groups = params.has("groups") && params.raw("groups") != null ? new ArrayList<>() : null;
    if (groups != null) {
      for (String g : params.strings("groups")) {
        for (String part : g.split(",")) {
          if (!part.isBlank()) {
            groups.add(AccountNames.check("group", part.strip()));
          }
        }
      }
    }
    String home = params.optString("home").orElse(null);
    String shell = params.optString("shell").orElse(null);
    String comment = params.optString("comment").orElse(null);
    for (String[] v : new String[][] {{"home", home}, {"shell", shell}, {"comment", comment}}) {
      if (v[1] != null && (v[1].contains(":") || v[1].contains("\n"))) {
        throw new ModuleException(v[0] + " `" + v[1] + "` may not hold : or a newline (they separate /etc/passwd fields)");
      }
    }
    String password = params.optString("password").orElse(null);
    if (password != null) {
      host.secret(password);
      if (password.contains(":") || password.contains("\n")) {
        throw new ModuleException("password must be a crypted hash (no : or newline)");
      }
    }
    List<Action> actions = new ArrayList<>();
    if (now.uid() < 0) {
      StringBuilder add = new StringBuilder("useradd");
      if (params.bool("system")) {
        add.append(" -r");
      }
      add.append(params.bool("create_home") ? " -m" : " -M");
      if (uid != null) {
        add.append(" -u ").append(uid);
      }
      if (group != null) {
        add.append(" -g ").append(group);
      }
      if (groups != null && !groups.isEmpty()) {
        add.append(" -G ").append(String.join(",", groups));
      }
      if (home != null) {
        add.append(" -d ").append(Shell.quote(home));
      }
      if (shell != null) {
        add.append(" -s ").append(Shell.quote(shell));
      }
      if (comment != null) {
        add.append(" -c ").append(Shell.quote(comment));
      }
      actions.add(ExecAction.of(add.append(' ').append(name).toString()).describedAs("useradd " + name));
      if (password != null) {
        actions.add(setPassword(name, password));
      }
      StringBuilder after = new StringBuilder();
      line(after, "uid", uid == null ? "next free" : String.valueOf(uid));
      line(after, "group", group);
      line(after, "groups", groups == null ? null : String.join(",", groups));
      line(after, "home", home);
      line(after, "shell", shell);
      line(after, "comment", comment);
      return Plan.change("add user " + name, List.of(Diff.of("user " + name, "", after.toString())), actions)
          .withResult(result);
    }
    result.put("uid", now.uid());
    StringBuilder mod = new StringBuilder();
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    if (uid != null && uid != now.uid()) {
      mod.append(" -u ").append(uid);
      line(before, "uid", String.valueOf(now.uid()));
      line(after, "uid", String.valueOf(uid));
    }
    if (group != null && !group.equals(now.group())) {
      mod.append(" -g ").append(group);
      line(before, "group", now.group());
      line(after, "group", group);
    }
    if (groups != null) {
      Set<String> wanted = new LinkedHashSet<>(groups);
      // the primary group counts as a membership, as for Ansible: naming it in groups is not a change
      Set<String> all = new LinkedHashSet<>(now.groups());
      all.add(now.group());
      Set<String> wantedSupplementary = new LinkedHashSet<>(wanted);
      wantedSupplementary.remove(now.group());
      boolean ok = params.bool("append") ? all.containsAll(wanted) : now.groups().equals(wantedSupplementary);
      if (!ok) {
        mod.append(params.bool("append") ? " -a" : "").append(" -G ").append(String.join(",", wanted));
        line(before, "groups", String.join(",", now.groups()));
        Set<String> result2 = params.bool("append") ? new LinkedHashSet<>(now.groups()) : new LinkedHashSet<>();
        result2.addAll(wanted);
        line(after, "groups", String.join(",", result2));
      }
    }
    for (String[] v : new String[][] {{"d", "home", home, now.home()}, {"s", "shell", shell, now.shell()},
        {"c", "comment", comment, now.comment()}}) {
      if (v[2] != null && !v[2].equals(v[3])) {
        mod.append(" -").append(v[0]).append(' ').append(Shell.quote(v[2]));
        line(before, v[1], v[3]);
        line(after, v[1], v[2]);
      }
    }
    if (mod.length() > 0) {
      actions.add(ExecAction.of("usermod" + mod + " " + name).describedAs("usermod " + name));
    }
    if (password != null && params.stringOr("update_password", "always").equals("always")
        && !sha256(password + "\n").equals(now.passwordSha())) {
      actions.add(setPassword(name, password));
      line(before, "password", "(another)");
      line(after, "password", "(the given hash)");
    }
    if (actions.isEmpty()) {
      return Plan.noop("user " + name + " exists as wanted (uid " + now.uid() + ")", result);
    }
    return Plan.change("change user " + name, List.of(Diff.of("user " + name, before.toString(), after.toString())),
        actions).withResult(result);
  }

  private static Action setPassword(String name, String hash) {
    return ExecAction.of("chpasswd -e").withStdin((name + ":" + hash + "\n").getBytes(StandardCharsets.UTF_8))
        .describedAs("set the password of " + name);
  }

  private static void line(StringBuilder out, String key, String value) {
    if (value != null) {
      out.append(key).append(": ").append(value).append('\n');
    }
  }

  private static String describe(Account a) {
    StringBuilder out = new StringBuilder();
    line(out, "uid", String.valueOf(a.uid()));
    line(out, "group", a.group());
    line(out, "home", a.home());
    line(out, "shell", a.shell());
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
