package dev.provision.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  @Test
  void debianTakesItsPointReleaseFromDebianVersionAsAnsibleDoes() {
    Map<String, Object> f = FactGatherer.parse(COMMON + "os_NAME=\"Debian GNU/Linux\"\nos_VERSION_ID=\"12\"\nos_ID=debian\n"
        + "debian_version=12.11\n");
    assertThat(f).containsEntry("ansible_distribution_version", "12.11")
        .containsEntry("ansible_distribution_major_version", "12").containsEntry("ansible_distribution_minor_version", "11");
    Map<String, Object> testing = FactGatherer.parse(COMMON + "os_NAME=\"Debian GNU/Linux\"\nos_ID=debian\n"
        + "debian_version=trixie/sid\n");
    assertThat(testing).containsEntry("ansible_distribution_version", "");
  }

  @Test
  void hardwareNetworkAndMountsInAnsiblesShapes() {
    String out = COMMON + "os_ID=debian\nos_NAME=Debian\ntool=dnf\ntool=apt-get\ninit=systemd\nsystemd_booted=yes\n"
        + "meminfo_MemTotal=24683584\nmeminfo_MemFree=21821412\nmeminfo_Buffers=30336\nmeminfo_Cached=2066132\n"
        + "meminfo_SwapTotal=1048576\nmeminfo_SwapFree=524288\n"
        + "cpu=1\tAuthenticAMD\tAMD EPYC\ncpu=0\tAuthenticAMD\tAMD EPYC\ncpu_sockets=1\ncpu_cores=2\ncpu_siblings=2\nnproc=2\n"
        + "route4=eth0 010200C0\nroute6=eth0 fd000000000000000000000000000001\n"
        + "iface=eth0\t02:fc:00:00:00:01\t1400\tup\t1\t0x1003\niface=lo\t00:00:00:00:00:00\t65536\tunknown\t772\t0x9\n"
        + "iface=br-lab\tea:56:fd:ae:d2:dc\t1500\tdown\t1\t0x1002\n"
        + "ipv4=lo 127.0.0.1/8 -\nipv4=eth0 192.0.2.2/24 192.0.2.255\nipv4=eth0 192.0.2.9/24 192.0.2.255\n"
        + "ipv6=lo ::1/128 host\nipv6=eth0 fd00::2/64 global\nipv6=eth0 fe80::fc:ff:fe00:1/64 link\n"
        + "mount=/dev/vda\t/\text4\trw,relatime\nmount=/dev/vdb\t/srv/my\\040data\txfs\tro\n"
        + "statfs=4096 4096 1000 600 500 2000 1500\t/\n"
        + "nameserver=10.255.255.53\nsearch=lab.example\ncmdline=quiet root=/dev/vda ro console=ttyS0 console=tty0\n"
        + "env.HOME=/root\nenv.MULTI=a\\nb\\\\c\nhostkey=ssh-ed25519 AAAAC3Nz\nhostkey=ecdsa-sha2-nistp256 AAAAE2Vj\n"
        + "date_time=2026 12 02 13 16 27 1796217387 UTC +0000 Wednesday 3 48\ndate_time_utc=2026-12-02T13:16:27 046281690\n"
        + "container=docker\n";
    Map<String, Object> f = FactGatherer.parse(out);
    assertThat(f).containsEntry("ansible_pkg_mgr", "apt").containsEntry("ansible_service_mgr", "systemd")
        .containsEntry("ansible_memtotal_mb", 24105L).containsEntry("ansible_memfree_mb", 21309L)
        .containsEntry("ansible_swaptotal_mb", 1024L).containsEntry("ansible_swapfree_mb", 512L)
        .containsEntry("ansible_processor_vcpus", 2L).containsEntry("ansible_processor_cores", 2L)
        .containsEntry("ansible_processor_count", 1L).containsEntry("ansible_processor_nproc", 2L)
        .containsEntry("ansible_processor", List.of("0", "AuthenticAMD", "AMD EPYC", "1", "AuthenticAMD", "AMD EPYC"))
        .containsEntry("ansible_all_ipv4_addresses", List.of("192.0.2.2", "192.0.2.9"))
        .containsEntry("ansible_all_ipv6_addresses", List.of("fd00::2", "fe80::fc:ff:fe00:1"))
        .containsEntry("ansible_interfaces", List.of("eth0", "lo", "br-lab"))
        .containsEntry("ansible_virtualization_type", "docker").containsEntry("ansible_virtualization_role", "guest")
        .containsEntry("ansible_ssh_host_key_ed25519_public", "AAAAC3Nz")
        .containsEntry("ansible_ssh_host_key_ecdsa_public_keytype", "ecdsa-sha2-nistp256");
    assertThat(f.get("ansible_default_ipv4")).isEqualTo(Map.ofEntries(Map.entry("address", "192.0.2.2"),
        Map.entry("alias", "eth0"), Map.entry("broadcast", "192.0.2.255"), Map.entry("gateway", "192.0.2.1"),
        Map.entry("interface", "eth0"), Map.entry("macaddress", "02:fc:00:00:00:01"), Map.entry("mtu", 1400L),
        Map.entry("netmask", "255.255.255.0"), Map.entry("network", "192.0.2.0"), Map.entry("prefix", "24"),
        Map.entry("type", "ether")));
    assertThat(f.get("ansible_default_ipv6")).isEqualTo(Map.of("address", "fd00::2", "gateway", "fd00::1",
        "interface", "eth0", "macaddress", "02:fc:00:00:00:01", "mtu", 1400L, "prefix", "64", "scope", "global",
        "type", "ether"));
    @SuppressWarnings("unchecked")
    Map<String, Object> eth0 = (Map<String, Object>) f.get("ansible_eth0");
    assertThat(eth0).containsEntry("active", true).containsEntry("type", "ether");
    assertThat(eth0.get("ipv4_secondaries")).asList().hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> bridge = (Map<String, Object>) f.get("ansible_br_lab");
    assertThat(bridge).containsEntry("device", "br-lab").containsEntry("active", false);
    assertThat(f.get("ansible_lo")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("type", "loopback").doesNotContainKey("macaddress");
    assertThat(f.get("ansible_mounts")).asList().hasSize(2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mounts = (List<Map<String, Object>>) f.get("ansible_mounts");
    assertThat(mounts.get(0)).containsEntry("mount", "/").containsEntry("size_total", 4096_000L)
        .containsEntry("size_available", 2048_000L).containsEntry("block_used", 400L).containsEntry("inode_used", 500L);
    assertThat(mounts.get(1)).containsEntry("mount", "/srv/my data").doesNotContainKey("size_total");
    assertThat(f.get("ansible_dns")).isEqualTo(Map.of("nameservers", List.of("10.255.255.53"), "search",
        List.of("lab.example")));
    assertThat(f.get("ansible_cmdline")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("quiet", true).containsEntry("root", "/dev/vda").containsEntry("console", "tty0");
    assertThat(f.get("ansible_proc_cmdline")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("console", List.of("ttyS0", "tty0"));
    assertThat(f.get("ansible_env")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("HOME", "/root").containsEntry("MULTI", "a\nb\\c");
    assertThat(f.get("ansible_date_time")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("date", "2026-12-02").containsEntry("iso8601", "2026-12-02T13:16:27Z")
        .containsEntry("iso8601_micro", "2026-12-02T13:16:27.046281Z").containsEntry("epoch", "1796217387")
        .containsEntry("weekday", "Wednesday").containsEntry("tz_offset", "+0000");
  }

  @Test
  void serviceManagerIsPidOnesNameUnlessGeneric() {
    assertThat(FactGatherer.parse(COMMON + "init=systemd\nsystemd_booted=yes\n")).containsEntry("ansible_service_mgr", "systemd");
    assertThat(FactGatherer.parse(COMMON + "init=sh\ninitd=yes\n")).containsEntry("ansible_service_mgr", "sysvinit");
    assertThat(FactGatherer.parse(COMMON + "init=runit-init\n")).containsEntry("ansible_service_mgr", "runit");
    assertThat(FactGatherer.parse(COMMON + "init=tini\n")).containsEntry("ansible_service_mgr", "tini");
    assertThat(FactGatherer.parse(COMMON + "os_ID=rocky\ntool=yum\n")).containsEntry("ansible_pkg_mgr", "yum");
    assertThat(FactGatherer.parse(COMMON + "os_ID=rocky\ntool=dnf\ntool=yum\n")).containsEntry("ansible_pkg_mgr", "dnf");
  }

  @Test
  void theScriptRunsHereAndGivesTheFactsThisMachineHas() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", FactGatherer.COMMAND).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    Map<String, Object> f = FactGatherer.parse(out);
    assertThat(f.get("ansible_processor_nproc")).isEqualTo((long) Runtime.getRuntime().availableProcessors());
    assertThat((Long) f.get("ansible_memtotal_mb")).isPositive();
    assertThat(f.get("ansible_interfaces")).asList().contains("lo");
    assertThat(f.get("ansible_user_dir")).isEqualTo(System.getenv("HOME"));
    assertThat(f.get("ansible_env")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("HOME", System.getenv("HOME"));
    assertThat(f.get("ansible_mounts")).asList().isNotEmpty();
  }
}
