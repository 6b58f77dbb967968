package dev.provision.modules.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.DiagnosticRenderer;
import dev.provision.diag.Diagnostics;
import dev.provision.module.ModuleRegistry;
import dev.provision.playbook.Playbook;
import dev.provision.playbook.PlaybookLoader;
import dev.provision.playbook.VariableCheck;
import dev.provision.template.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one undefined-variable check (the one {@code provision} runs before any host is touched), on
 * playbooks that use the built-in modules (set_fact, debug, assert, command...) with their real schemas.
 */
class VariableCheckTest {

  private final ModuleRegistry modules = ModuleRegistry.load();
  private final Templates templates = new Templates();
  private final VariableCheck check = new VariableCheck(modules, templates);

  @TempDir
  Path dir;

  private Playbook load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return new PlaybookLoader(modules, templates).load(file);
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
        site.yaml:5:7: error: task `command: echo {{ kubevirt_verison }}` reads variable `kubevirt_verison`, which nothing defines
          5 |     - command: echo {{ kubevirt_verison }}
            |       ^~~~~~~
          hint: did you mean `kubevirt_version`?
        site.yaml:6:7: error: task `command: echo hi` `when` reads variable `nowhere`, which nothing defines
          6 |     - command: echo hi
            |       ^
          hint: define it in the play's vars, the inventory, with register or set_fact, or with -e
        2 errors, nothing was run
        """);
  }

  @Test
  void guardedAndLoopBoundNamesAreNotReportedAndModuleExpressionsAreLeftToRunTime() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - name: show
              debug:
                msg: "{{ maybe | default('none') }} {% for n in [1, 2] %}{{ n }}{% endfor %} {{ typo_here }}"
              when: other is defined
            - assert:
                that:
                  - missing_in_that == 1
        """);
    // the task has a `when`: it may not run, so the typo is a warning (Ansible would run the playbook)
    assertThat(check.check(book, Set.of()).asList()).extracting(d -> d.summary(), d -> d.isError())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            "task `show` reads variable `typo_here`, which nothing defines (a warning: the task may not run)", false));
  }

  @Test
  void playVariablesAreCheckedWherePlayNamesAndHostPatternsAreNot() throws Exception {
    Playbook book = load("""
        - name: "deploy {{ release }}"
          hosts: "{{ target }}"
          vars:
            url: "https://{{ api_host }}/"
          tasks: []
        """);
    assertThat(check.check(book, Set.of()).asList()).extracting(d -> d.summary())
        .containsExactly("play `deploy {{ release }}` vars reads variable `api_host`, which nothing defines");
  }

  @Test
  void playAndTaskVarsCountWhereTheyAreVisibleRegistersAndSetFactsEverywhere() throws Exception {
    Playbook book = load("""
        - name: one
          hosts: all
          vars: {a: 1}
          tasks:
            - command: echo {{ a }} {{ c }}
              register: r
              vars: {b: 2}
        - name: two
          hosts: all
          tasks:
            - command: echo {{ r.stdout }} {{ b }}
            - set_fact:
                c: 3
                cacheable: true
            - command: echo {{ a }}
        """);
    assertThat(check.setAnywhere(book)).containsExactlyInAnyOrder("r", "c");
    assertThat(check.check(book, Set.of()).asList()).extracting(d -> d.summary()).containsExactly(
        "task `command: echo {{ r.stdout }} {{ b }}` reads variable `b`, which nothing defines",
        "task `command: echo {{ a }}` reads variable `a`, which nothing defines");
  }

  @Test
  void magicVariablesJinjaGlobalsAndEveryAnsiblePrefixedNameAreDefined() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - command: echo {{ playbook_dir }} {{ hostvars[inventory_hostname] }} {{ range(3) | list }}
              when: not ansible_check_mode and ansible_anything_at_all is defined or ansible_os_family == 'x'
        """);
    assertThat(check.check(book, Set.of()).asList()).isEmpty();
  }

  @Test
  void neverStricterThanAnsibleWhereATaskMayNotRunOrItsFailureIsIgnoredItWarns() throws Exception {
    Playbook book = load("""
        - hosts: all
          tasks:
            - debug:
                msg: "{{ only_when_asked }}"
              when: false
            - command: echo {{ may_be_missing }}
              ignore_errors: true
            - debug:
                var: not_defined_is_shown
          handlers:
            - name: restart
              command: echo {{ handler_only }}
        """);
    Diagnostics found = check.check(book, Set.of());

    assertThat(found.hasErrors()).as(found.asList().toString()).isFalse();
    assertThat(found.asList()).extracting(d -> d.summary()).containsExactly(
        "task `debug: {msg: \"{{ only_when_asked }}\"}` reads variable `only_when_asked`, which nothing defines "
            + "(a warning: the task may not run)",
        "task `command: echo {{ may_be_missing }}` reads variable `may_be_missing`, which nothing defines "
            + "(a warning: the task's failure is ignored)",
        "task `restart` reads variable `handler_only`, which nothing defines (a warning: the task may not run)");
    assertThat(found.asList()).allSatisfy(d -> assertThat(d.span().line()).isPositive());
  }
}
