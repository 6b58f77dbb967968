package dev.provision.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsibleLanguageTest {

  @Test
  void aModuleOfAnsibleCoreIsNotSupportedYetNeverUnknown() {
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.deb822_repository"))
        .isEqualTo("the module `ansible.builtin.deb822_repository` is not supported yet");
    assertThat(AnsibleLanguage.notSupportedYet("deb822_repository")).contains("not supported yet");
  }

  @Test
  void aShortNameAnsibleRoutesToACollectionNamesTheCollection() {
    assertThat(AnsibleLanguage.notSupportedYet("sysctl"))
        .isEqualTo("the module `sysctl` (ansible.posix.sysctl) is not supported yet");
    assertThat(AnsibleLanguage.notSupportedYet("docker_container")).contains("community.docker.docker_container");
    assertThat(AnsibleLanguage.notSupportedYet("community.general.ufw")).contains("no collection `community.general`");
  }

  @Test
  void whatAnsibleWouldNotKnowEitherIsLeftToTheUnknownError() {
    assertThat(AnsibleLanguage.notSupportedYet("no_such_module")).isNull();
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.no_such_module")).isNull();
  }
}
