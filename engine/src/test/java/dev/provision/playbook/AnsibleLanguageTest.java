package dev.provision.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A key Provision does not read: why it is not supported yet, or null when Ansible would not know it either. */
class AnsibleLanguageTest {

  @Test
  void aKubernetesCoreModuleProvisionLacksSaysWhatStandsInTheWayUnderEitherCollectionName() {
    assertThat(AnsibleLanguage.notSupportedYet("kubernetes.core.helm"))
        .isEqualTo("the module `kubernetes.core.helm` is not supported yet: Provision runs no helm binary; render the"
            + " chart (helm template) and apply the manifests with kubernetes.core.k8s");
    assertThat(AnsibleLanguage.notSupportedYet("community.kubernetes.k8s_exec"))
        .startsWith("the module `community.kubernetes.k8s_exec` is not supported yet: ").contains("kubelet");
    assertThat(AnsibleLanguage.notSupportedYet("kubernetes.core.k8s_log")).contains("kubelet");
    assertThat(AnsibleLanguage.notSupportedYet("kubernetes.core.k8s_cp")).contains("kubelet");
    assertThat(AnsibleLanguage.notSupportedYet("kubernetes.core.k8s_cluster_info")).isEqualTo("the module"
        + " `kubernetes.core.k8s_cluster_info` is not supported yet (Provision has some of the collection"
        + " `kubernetes.core`: see docs/modules.md)");
  }

  @Test
  void anotherCollectionsModuleNamesTheCollectionAndAMadeUpKeyIsUnknown() {
    assertThat(AnsibleLanguage.notSupportedYet("community.general.ufw"))
        .isEqualTo("`community.general.ufw` is not supported yet: Provision has no collection `community.general`");
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.no_such_module")).isNull();
    assertThat(AnsibleLanguage.notSupportedYet("add_host")).startsWith("the module `add_host` is not supported yet: Provision"
        + " compiles every play's hosts into one graph before the run").contains("list the host in the inventory");
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.group_by"))
        .startsWith("the module `ansible.builtin.group_by` is not supported yet: ").contains("make the groups in the inventory");
  }

  @Test
  void aModuleOfAnsibleCoreIsNotSupportedYetNeverUnknown() {
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.apt_key"))
        .isEqualTo("the module `ansible.builtin.apt_key` is not supported yet");
    assertThat(AnsibleLanguage.notSupportedYet("deb822_repository")).contains("not supported yet");
  }

  @Test
  void aShortNameAnsibleRoutesToACollectionNamesTheCollection() {
    assertThat(AnsibleLanguage.notSupportedYet("sysctl"))
        .isEqualTo("the module `sysctl` (ansible.posix.sysctl) is not supported yet");
    assertThat(AnsibleLanguage.notSupportedYet("docker_container")).contains("community.docker.docker_container");
    // ansible.legacy.X is looked up as X is
    assertThat(AnsibleLanguage.notSupportedYet("ansible.legacy.zypper"))
        .isEqualTo("the module `ansible.legacy.zypper` (community.general.zypper) is not supported yet");
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.zypper")).isNull(); // Ansible cannot resolve it either
    assertThat(AnsibleLanguage.notSupportedYet("community.general.ufw")).contains("no collection `community.general`");
  }

  @Test
  void whatAnsibleWouldNotKnowEitherIsLeftToTheUnknownError() {
    assertThat(AnsibleLanguage.notSupportedYet("no_such_module")).isNull();
    assertThat(AnsibleLanguage.notSupportedYet("ansible.builtin.no_such_module")).isNull();
  }
}
