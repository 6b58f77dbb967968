package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FactGathererTest {

  private static final String COMMON = "hostname=node1\nfqdn=node1.lab.example\nnodename=node1\nsystem=Linux\n"
      + "kernel=6.1.0-18-amd64\narchitecture=x86_64\nuser_id=root\nuser_uid=0\nuser_dir=/root\n";

  @Test
  void parsesDebianOsRelease() {
    Map<String, Object> f = FactGatherer.parse(COMMON + "os_PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
        + "os_NAME=\"Debian GNU/Linux\"\nos_VERSION_ID=\"12\"\nos_VERSION_CODENAME=bookworm\nos_ID=debian\n");
    assertThat(f).containsEntry("ansible_os_family", "Debian").containsEntry("ansible_distribution", "Debian")
        .containsEntry("ansible_distribution_version", "12").containsEntry("ansible_distribution_major_version", "12")
        .containsEntry("ansible_distribution_release", "bookworm").containsEntry("ansible_hostname", "node1")
        .containsEntry("ansible_fqdn", "node1.lab.example").containsEntry("ansible_architecture", "x86_64")
        .containsEntry("ansible_system", "Linux").containsEntry("ansible_user_id", "root")
        .containsEntry("ansible_user_uid", 0L).containsEntry("ansible_user_dir", "/root");
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = (Map<String, Object>) f.get("ansible_facts");
    assertThat(facts).containsEntry("os_family", "Debian").containsEntry("hostname", "node1");
  }

  @Test
  void familiesFollowIdLikeForDerivatives() {
    Map<String, Object> rocky = FactGatherer.parse(COMMON + "os_NAME=\"Rocky Linux\"\nos_ID=\"rocky\"\n"
        + "os_ID_LIKE=\"rhel centos fedora\"\nos_VERSION_ID=\"9.3\"\n");
    assertThat(rocky).containsEntry("ansible_os_family", "RedHat").containsEntry("ansible_distribution", "Rocky")
        .containsEntry("ansible_distribution_major_version", "9");
    Map<String, Object> mint = FactGatherer.parse(COMMON + "os_NAME=\"Linux Mint\"\nos_ID=linuxmint\nos_ID_LIKE=\"ubuntu debian\"\n");
    assertThat(mint).containsEntry("ansible_os_family", "Debian").containsEntry("ansible_distribution", "Linux");
  }

  @Test
  void withoutOsReleaseTheFactsAreStillThere() {
    Map<String, Object> f = FactGatherer.parse(COMMON);
    assertThat(f).containsEntry("ansible_distribution", "Linux").containsEntry("ansible_os_family", "Linux")
        .containsEntry("ansible_distribution_version", "");
  }
}
