package dev.provision.modules.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.VariableCheck;
import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.Diagnostics;
import dev.provision.template.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The undefined-variable check on playbooks that use the built-in modules (set_fact, debug, command...). */
class VariableCheckTest {

  private final Templates templates = new Templates();
  private final VariableCheck check = new VariableCheck(templates);

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(ModuleRegistry.load(), templates).load(file);
  }

  @Test
  void everySourceDefinesVariables() throws Exception {
    Playbook book = load("""
        - hosts: all
          vars:
            version: v1
          tasks:
            - command: echo {{ version }} {{ from_inventory }} {{ inventory_hostname }} {{ groups['all'] }}
              register: out
            - set_fact:
                line: "{{ out.stdout }}"
            - command: echo {{ line }} {{ local }} {{ ansible_facts.hostname }}
              vars:
                local: x
              when: out is changed and extra_flag | bool
        """);
    assertThat(check.check(book, Set.of("from_inventory", "extra_flag")).asList()).isEmpty();
  }

  @Test
  void anUndefinedVariableIsReportedWithItsPlaceAndASuggestion() throws Exception {
    Playbook book = load("""
        - hosts: all
          vars:
            kubevirt_version: v1
          tasks:
            - command: echo {{ kubevirt_verison }}
            - command: echo hi
              when: nowhere == 1
        """);
    Diagnostics found = check.check(book, Set.of());
    String rendered = new DiagnosticRenderer().render(found).replace(dir + "/", "");
    assertThat(rendered).isEqualTo("""
        site.yaml:5:24: error: undefined variable `kubevirt_verison`
          5 |     - command: echo {{ kubevirt_verison }}
            |                        ^~~~~~~~~~~~~~~~
          hint: did you mean `kubevirt_version`?
        site.yaml:7:13: error: undefined variable `nowhere`
          7 |       when: nowhere == 1
            |             ^~~~~~~
          hint: no source defines it: set it in the inventory, the play's `vars`, with `register` or `set_fact`, or pass `-e nowhere=...`
        2 errors, nothing was run
        """);
  }

  @Test
  void guardedAndLoopBoundNamesAreNotReported() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - debug:
                msg: "{{ maybe | default('none') }} {% for n in [1, 2] %}{{ n }}{% endfor %}"
              when: other is defined
            - assert:
                that:
                  - missing_in_that == 1
        """);
    assertThat(check.check(book, Set.of()).asList()).extracting(d -> d.summary())
        .containsExactly("undefined variable `missing_in_that`");
  }

  @Test
  void playVariablesAndNamesAreChecked() throws Exception {
    Playbook book = load("""
        - name: "deploy {{ release }}"
          hosts: "{{ target }}"
          vars:
            url: "https://{{ api_host }}/"
          tasks: []
        """);
    assertThat(check.check(book, Set.of("target")).asList()).extracting(d -> d.summary())
        .containsExactly("undefined variable `release`", "undefined variable `api_host`");
  }

  @Test
  void definedByCollectsThePlaybooksOwnVariables() throws Exception {
    Playbook book = load("""
        - hosts: all
          vars: {a: 1}
          tasks:
            - command: x
              register: r
              vars: {b: 2}
            - set_fact:
                c: 3
                cacheable: true
        """);
    assertThat(VariableCheck.definedBy(book)).containsExactlyInAnyOrder("a", "b", "r", "c");
  }
}
