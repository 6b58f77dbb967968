package dev.provision.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostics;
import dev.provision.it.support.Cli;
import dev.provision.it.support.CliProcess;
import dev.provision.lab.gate.RealParts;
import dev.provision.lab.ssh.SshLabFixture;
import dev.provision.yaml.YNode;
import dev.provision.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gathered facts against Ansible's own: Debian's ansible-playbook 2.14 and Provision gather facts from
 * the same real sshd host, and every fact Provision gathers that Ansible has too must hold the same
 * value (those that move between two reads, such as free memory and the clock, within a margin).
 */
class FactsAgreeWithAnsibleTest {

  @RegisterExtension static final SshLabFixture LAB = SshLabFixture.of(1, "127.0.56.1");

  @TempDir static Path work;

  /** Facts that must be equal, as Ansible gives them. */
  private static final List<String> EQUAL = List.of("hostname", "nodename", "fqdn", "domain", "system", "kernel",
      "kernel_version", "architecture", "machine", "userspace_bits", "userspace_architecture", "machine_id",
      "user_id", "user_uid", "user_gid", "user_shell", "user_gecos", "effective_user_id", "effective_group_id",
      "real_user_id", "real_group_id", "distribution", "distribution_version", "distribution_major_version",
      "distribution_minor_version", "distribution_release", "os_family", "distribution_file_variety", "lsb",
      "pkg_mgr", "service_mgr", "memtotal_mb", "swaptotal_mb", "processor", "processor_count", "processor_cores",
      "processor_threads_per_core", "processor_vcpus", "processor_nproc", "cmdline", "proc_cmdline", "fips",
      "selinux", "apparmor", "virtualization_type", "virtualization_role", "default_ipv4", "default_ipv6", "dns",
      "system_vendor", "product_name", "product_version", "bios_version", "bios_date", "local");

  @Test
  void everyFactProvisionGathersHoldsAnsiblesValue() throws Exception {
    RealParts.requirePrograms("ansible-playbook");
    Path inventory = AnsibleInventory.write(LAB.lab(), work);
    Path playbook = work.resolve("facts.yml");
    Files.writeString(playbook, "- hosts: all\n  gather_facts: true\n  tasks:\n    - debug: msg=gathered\n");
    String host = LAB.lab().hosts().get(0).name();

    Map<String, Object> theirs = ansibleFacts(inventory, playbook, host);
    Cli run = CliProcess.run(work, Map.of(), List.of(playbook.toString(), "-i", inventory.toString(), "--output",
        "json"));
    assertThat(run.exitCode()).as("%s", run).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> ours = (Map<String, Object>) ((Map<String, Object>) run.result(host, "Gathering Facts")
        .get("data")).get("ansible_facts");

    SoftAssertions soft = new SoftAssertions();
    for (String key : EQUAL) {
      if (theirs.containsKey(key)) {
        soft.assertThat(ours.get(key)).as(key).isEqualTo(theirs.get(key));
      }
    }
    soft.assertThat(new HashSet<>(list(ours, "interfaces"))).as("interfaces").isEqualTo(new HashSet<>(list(theirs, "interfaces")));
    soft.assertThat(new HashSet<>(list(ours, "all_ipv4_addresses"))).as("all_ipv4_addresses")
        .isEqualTo(new HashSet<>(list(theirs, "all_ipv4_addresses")));
    soft.assertThat(new HashSet<>(list(ours, "all_ipv6_addresses"))).as("all_ipv6_addresses")
        .isEqualTo(new HashSet<>(list(theirs, "all_ipv6_addresses")));
    for (Object name : list(theirs, "interfaces")) {
      String key = String.valueOf(name).replace('-', '_');
      Map<?, ?> mine = (Map<?, ?>) ours.get(key);
      Map<?, ?> other = (Map<?, ?>) theirs.get(key);
      soft.assertThat(mine).as(key).isNotNull();
      if (mine != null && other != null) {
        for (String field : List.of("device", "active", "macaddress", "mtu", "type", "promisc", "ipv4", "ipv6")) {
          if (other.containsKey(field)) {
            soft.assertThat(mine.get(field)).as(key + "." + field).isEqualTo(other.get(field));
          }
        }
      }
    }
    // the same mount points, devices and options; free space may move between the two reads
    List<Map<?, ?>> ourMounts = maps(ours, "mounts");
    List<Map<?, ?>> theirMounts = maps(theirs, "mounts");
    soft.assertThat(ourMounts.stream().map(m -> m.get("mount") + " " + m.get("device") + " " + m.get("fstype") + " "
        + m.get("options")).toList()).as("mounts").containsExactlyInAnyOrderElementsOf(theirMounts.stream()
            .map(m -> m.get("mount") + " " + m.get("device") + " " + m.get("fstype") + " " + m.get("options")).toList());
    for (Map<?, ?> m : theirMounts) {
      ourMounts.stream().filter(o -> o.get("mount").equals(m.get("mount"))).findFirst().ifPresent(o -> {
        soft.assertThat(o.get("size_total")).as(m.get("mount") + " size_total").isEqualTo(number(m.get("size_total")));
        soft.assertThat(o.get("block_size")).as(m.get("mount") + " block_size").isEqualTo(number(m.get("block_size")));
        soft.assertThat(((Number) o.get("size_available")).doubleValue()).as(m.get("mount") + " size_available")
            .isCloseTo(((Number) m.get("size_available")).doubleValue(), org.assertj.core.data.Percentage.withPercentage(2));
      });
    }
    Map<?, ?> ourEnv = (Map<?, ?>) ours.get("env");
    Map<?, ?> theirEnv = (Map<?, ?>) theirs.get("env");
    for (String var : List.of("HOME", "USER", "LOGNAME", "SHELL", "PATH")) {
      if (theirEnv.containsKey(var)) {
        soft.assertThat(ourEnv.get(var)).as("env." + var).isEqualTo(theirEnv.get(var));
      }
    }
    // Provision's user_dir is the login's HOME (the lab gives each host its own); Ansible reads passwd
    soft.assertThat(ours.get("user_dir")).as("user_dir").isEqualTo(theirEnv.get("HOME"));
    for (String kind : List.of("rsa", "ecdsa", "ed25519")) {
      String key = "ssh_host_key_" + kind + "_public";
      if (theirs.containsKey(key)) {
        soft.assertThat(ours.get(key)).as(key).isEqualTo(theirs.get(key));
      }
    }
    Map<?, ?> ourTime = (Map<?, ?>) ours.get("date_time");
    Map<?, ?> theirTime = (Map<?, ?>) theirs.get("date_time");
    for (String field : List.of("tz", "tz_offset", "year")) {
      soft.assertThat(ourTime.get(field)).as("date_time." + field).isEqualTo(theirTime.get(field));
    }
    soft.assertThat(Math.abs(Long.parseLong(String.valueOf(ourTime.get("epoch")))
        - Long.parseLong(String.valueOf(theirTime.get("epoch"))))).as("date_time.epoch apart, s").isLessThan(600);
    soft.assertThat(Math.abs(((Number) ours.get("uptime_seconds")).longValue()
        - ((Number) theirs.get("uptime_seconds")).longValue())).as("uptime_seconds apart").isLessThan(600);
    soft.assertAll();
  }

  /** The facts of Ansible's own gathering, from its JSON callback. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> ansibleFacts(Path inventory, Path playbook, String host) throws Exception {
    Path out = work.resolve("ansible.json");
    ProcessBuilder builder = new ProcessBuilder("ansible-playbook", "-i", inventory.toString(), playbook.toString())
        .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(work.resolve("ansible.err").toFile());
    builder.environment().put("ANSIBLE_STDOUT_CALLBACK", "json");
    builder.environment().put("ANSIBLE_NOCOLOR", "1");
    builder.environment().put("ANSIBLE_LOCAL_TEMP", work.resolve(".ansible-local").toString());
    Process p = builder.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("ansible-playbook finished in 5 minutes").isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as("ansible-playbook: %s %s", text, Files.readString(work.resolve("ansible.err")))
        .isZero();
    List<YNode> docs = YamlReader.readAll("ansible", text.substring(text.indexOf('{')), new Diagnostics());
    Map<String, Object> json = (Map<String, Object>) docs.get(0).toPlain();
    List<Object> plays = (List<Object>) json.get("plays");
    List<Object> tasks = (List<Object>) ((Map<String, Object>) plays.get(0)).get("tasks");
    Map<String, Object> hosts = (Map<String, Object>) ((Map<String, Object>) tasks.get(0)).get("hosts");
    Map<String, Object> facts = (Map<String, Object>) ((Map<String, Object>) hosts.get(host)).get("ansible_facts");
    Map<String, Object> plain = new java.util.LinkedHashMap<>();
    facts.forEach((k, v) -> plain.put(k.startsWith("ansible_") ? k.substring("ansible_".length()) : k, v));
    return plain;
  }

  private static List<Object> list(Map<String, Object> facts, String key) {
    Object v = facts.get(key);
    return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static List<Map<?, ?>> maps(Map<String, Object> facts, String key) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object m : list(facts, key)) {
      if (m instanceof Map<?, ?> map) {
        out.add(map);
      }
    }
    return out;
  }

  private static Object number(Object v) {
    return v instanceof Number n ? (Object) n.longValue() : v;
  }
}
