package dev.provision.it.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bad inputs {@link BadInputTest} runs: every playbook of the engine's corpus
 * (modules/src/test/resources/bad-playbooks, with the locations of its golden {@code .expected}
 * file), then bad inventories, extra-vars files and command lines.
 */
final class BadInputCases {

  static final String CORPUS = "modules/src/test/resources/bad-playbooks";

  /** A task that would leave a trace on the host if anything ran. */
  private static final String TOUCH = "    - command: touch {{ lab_root }}/ran\n";

  private BadInputCases() {}

  static Path corpusDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(CORPUS))) {
        return dir.resolve(CORPUS);
      }
    }
    throw new IllegalStateException(CORPUS + " not found above " + Path.of("").toAbsolutePath());
  }

  static Stream<BadInputCase> all() throws IOException {
    List<BadInputCase> cases = new ArrayList<>(corpus());
    cases.addAll(inputsBesideThePlaybook());
    return cases.stream();
  }

  static List<BadInputCase> corpus() throws IOException {
    Path dir = corpusDir();
    List<BadInputCase> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String name = yaml.getFileName().toString();
        String base = name.substring(0, name.length() - ".yaml".length());
        String expected = Files.readString(dir.resolve(base + ".expected"), StandardCharsets.UTF_8);
        // the goldens are checked against the real built-in modules too (modules' BadPlaybooksTest)
        List<String> locations = BadInputCase.locationsIn(expected, f -> Path.of(f).getFileName().toString());
        BadInputCase.Builder b = BadInputCase.named("corpus/" + base)
            .args(yaml.toString(), "-i", "INV", "--output", "json")
            .at(locations.toArray(String[]::new))
            .says("nothing was run");
        if (locations.stream().noneMatch(l -> l.contains(":"))) {
          b.noCaret();
        }
        if (!expected.contains("hint:")) {
          b.noHint();
        }
        out.add(b.build());
      }
    }
    return out;
  }

  static List<BadInputCase> inputsBesideThePlaybook() {
    String ok = "- hosts: all\n  tasks:\n" + TOUCH;
    return List.of(
        BadInputCase.named("inventory/missing-path")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "DIR/no-such-inventory")
            .at("no-such-inventory").says("no inventory at", "check the -i path").noCaret().build(),
        BadInputCase.named("inventory/ini-undefined-child-group")
            .file("site.yaml", ok)
            .file("hosts.ini", "[workers]\nw1 ansible_host=127.0.6.250\n\n[cluster:children]\nwokers\nworkers\n")
            .args("DIR/site.yaml", "-i", "DIR/hosts.ini")
            .at("hosts.ini:5:1").says("undefined group `wokers`", "did you mean `workers`?").build(),
        BadInputCase.named("inventory/port-not-a-number")
            .file("site.yaml", ok).file("hosts.ini", "[workers]\nw1 ansible_host=127.0.6.250 ansible_port=ssh lab_root=/tmp\n")
            .args("DIR/site.yaml", "-i", "DIR/hosts.ini")
            .at("inventory").says("host w1: ansible_port `ssh` is not a port number", "1-65535").noCaret().build(),
        BadInputCase.named("inventory/yaml-syntax")
            .file("site.yaml", ok).file("hosts.yaml", "all:\n  hosts:\n    h1: {ansible_host: [1, 2}\n")
            .args("DIR/site.yaml", "-i", "DIR/hosts.yaml").at("hosts.yaml:3:29").says("invalid YAML").build(),
        BadInputCase.named("inventory/group-vars-not-a-mapping")
            .file("site.yaml", ok).file("inv/hosts.yaml", "all:\n  hosts:\n    h1: {}\n")
            .file("inv/group_vars/all.yaml", "- a\n- b\n")
            .args("DIR/site.yaml", "-i", "DIR/inv").at("all.yaml:1:1").says("must be a mapping").build(),
        BadInputCase.named("extra-vars/not-key-value")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "-e", "debug")
            .says("-e debug: error: extra variable `debug` is not key=value", "-e name=value").noCaret().build(),
        BadInputCase.named("extra-vars/file-not-a-mapping")
            .file("site.yaml", ok).file("vars.yaml", "- a\n- b\n")
            .args("DIR/site.yaml", "-i", "INV", "-e", "@DIR/vars.yaml")
            .at("vars.yaml:1:1").says("extra variables must be a mapping, not a list").build(),
        BadInputCase.named("extra-vars/file-syntax-error")
            .file("site.yaml", ok).file("vars.yaml", "version: 1.2\nnames: [a, b}\n")
            .args("DIR/site.yaml", "-i", "INV", "-e", "@DIR/vars.yaml")
            .at("vars.yaml:2:13").says("invalid YAML", "close the bracket").build(),
        BadInputCase.named("extra-vars/missing-file")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "-e", "@DIR/missing.yaml")
            .at("missing.yaml").says("file not found").noCaret().build(),
        BadInputCase.named("extra-vars/inline-yaml-syntax-error")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "-e", "{a: [}")
            .says("-e {a: [}:1:6: error: invalid YAML").noCaret().noHint().build(),
        BadInputCase.named("secrets/file-not-a-mapping")
            .file("site.yaml", ok).file("secrets.yaml", "just a string\n")
            .args("DIR/site.yaml", "-i", "INV", "--secrets", "DIR/secrets.yaml")
            .at("secrets.yaml:1:1").says("must be a mapping").build(),
        BadInputCase.named("playbook/undefined-variable")
            .file("site.yaml", "- hosts: all\n  vars:\n    kubevirt_version: v1\n  tasks:\n"
                + "    - command: touch {{ lab_root }}/{{ kubevirt_verison }}\n")
            .args("DIR/site.yaml", "-i", "INV")
            .at("site.yaml:5:7").says("`kubevirt_verison`", "did you mean `kubevirt_version`?").build(),
        BadInputCase.named("playbook/undefined-variable-in-when")
            .file("site.yaml", ok + "      when: enable_it\n").args("DIR/site.yaml", "-i", "INV")
            .at("site.yaml:3:7").says("`enable_it`").build(),
        BadInputCase.named("playbook/undefined-variable-only-the-inventory-could-define")
            .file("site.yaml", "- hosts: all\n  tasks:\n    - command: touch {{ lab_rot }}/ran\n")
            .args("DIR/site.yaml", "-i", "INV").at("site.yaml:3:7").says("did you mean `lab_root`?").build(),
        BadInputCase.named("playbook/template-syntax-error")
            .file("site.yaml", ok + "    - copy:\n        dest: \"{{ lab_root }}/x\"\n        content: \"{% if x %}open\"\n")
            .args("DIR/site.yaml", "-i", "INV").at("site.yaml:6:19").says("never closed").build(),
        BadInputCase.named("playbook/needs-cycle")
            .file("site.yaml", "- name: a\n  hosts: all\n  needs: [b]\n  tasks:\n" + TOUCH
                + "- name: b\n  hosts: all\n  needs: [a]\n  tasks:\n" + TOUCH)
            .args("DIR/site.yaml", "-i", "INV").at("site.yaml:3:3").says("`needs` form a cycle").build(),
        BadInputCase.named("playbook/unknown-excluded-host-group")
            .file("site.yaml", "- hosts: all:!webservers\n  tasks:\n" + TOUCH).args("DIR/site.yaml", "-i", "INV")
            .at("site.yaml:1:3").says("`webservers` is neither a host nor a group").build(),
        BadInputCase.named("playbook/missing-file")
            .args("DIR/nowhere.yaml", "-i", "INV").at("nowhere.yaml").says("file not found").noCaret().build(),
        BadInputCase.named("cli/limit-matches-no-host")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "--limit", "webservers")
            .says("--limit webservers", "neither a host nor a group").noCaret().noHint().build(),
        BadInputCase.named("cli/unknown-option")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "--plna")
            .says("Unknown option: '--plna'", "--plan", "--help").noCaret().noHint().build(),
        BadInputCase.named("cli/bad-output-format")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "--output", "xml")
            .says("expected one of [text, json]").noCaret().noHint().build(),
        BadInputCase.named("cli/zero-forks")
            .file("site.yaml", ok).args("DIR/site.yaml", "-i", "INV", "--forks", "0")
            .says("--forks must be at least 1").noCaret().noHint().build());
  }
}
