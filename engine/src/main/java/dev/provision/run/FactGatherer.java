package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers a host's facts with one command (one round trip, reads only): names, users, OS release,
 * package and service manager, memory, processors, network interfaces and addresses, mounts, DNS,
 * date and time, environment, virtualization, DMI and SSH host keys. Published under Ansible's names
 * and shapes ({@code ansible_os_family}, {@code ansible_default_ipv4.address}...) and as the
 * {@code ansible_facts} map without the prefix. Facts Ansible reads through Python ({@code
 * ansible_python}) or from tools this does not run (devices, LVM) are not gathered.
 */
final class FactGatherer {

  static final String COMMAND = script();

  Map<String, Object> gather(Connection connection) throws ConnectionException {
    CommandResult result = connection.run(Command.of(COMMAND));
    if (!result.succeeded()) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, connection.target(),
          "gathering facts failed (exit " + result.exitCode() + "): " + result.failureText());
    }
    return parse(result.stdout());
  }

  private static String script() {
    try (InputStream in = FactGatherer.class.getResourceAsStream("gather-facts.sh")) {
      if (in == null) {
        throw new IllegalStateException("gather-facts.sh is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script's lines: KEY=VALUE, a repeated key kept as a list of values in order. */
  static final class Raw {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Raw(String output) {
      for (String line : output.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(unquote(line.substring(eq + 1).strip()));
        }
      }
    }

    String get(String key, String otherwise) {
      List<String> v = values.get(key);
      return v == null || v.isEmpty() ? otherwise : v.get(v.size() - 1);
    }

    String get(String key) {
      return get(key, null);
    }

    List<String> all(String key) {
      return values.getOrDefault(key, List.of());
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    Map<String, List<String>> entries() {
      return values;
    }
  }

  /** Parses the command's output into {@code ansible_*} variables plus {@code ansible_facts}. */
  static Map<String, Object> parse(String output) {
    Raw raw = new Raw(output);
    Map<String, Object> facts = new LinkedHashMap<>();
    names(raw, facts);
    user(raw, facts);
    release(raw, facts);
    managers(raw, facts);
    hardware(raw, facts);
    kernel(raw, facts);
    virtualization(raw, facts);
    NetworkFacts.put(raw, facts);
    mounts(raw, facts);
    dateTime(raw, facts);
    environment(raw, facts);
    hostKeys(raw, facts);
    facts.put("local", new LinkedHashMap<>());
    Map<String, Object> out = new LinkedHashMap<>();
    facts.forEach((k, v) -> out.put("ansible_" + k, v));
    out.put("ansible_facts", new LinkedHashMap<>(facts));
    return out;
  }

  private static void names(Raw raw, Map<String, Object> facts) {
    String hostname = raw.get("hostname", raw.get("nodename", ""));
    String shortName = hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname;
    String fqdn = raw.get("fqdn", hostname);
    facts.put("hostname", shortName);
    facts.put("nodename", raw.get("nodename", hostname));
    facts.put("fqdn", fqdn);
    facts.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
    facts.put("system", raw.get("system", ""));
    facts.put("kernel", raw.get("kernel", ""));
    facts.put("kernel_version", raw.get("kernel_version", ""));
    String machine = raw.get("architecture", "");
    facts.put("architecture", machine);
    facts.put("machine", machine);
    String bits = raw.get("userspace_bits", "");
    if (!bits.isEmpty()) {
      facts.put("userspace_bits", bits);
      facts.put("userspace_architecture", "x86_64".equals(machine) && "32".equals(bits) ? "i386" : machine);
    }
    if (raw.has("machine_id")) {
      facts.put("machine_id", raw.get("machine_id"));
    }
  }

  private static void user(Raw raw, Map<String, Object> facts) {
    facts.put("user_id", raw.get("user_id", ""));
    facts.put("user_uid", number(raw.get("user_uid")));
    facts.put("user_gid", number(raw.get("user_gid")));
    facts.put("user_dir", raw.get("user_dir", ""));
    facts.put("effective_user_id", number(raw.get("user_uid")));
    facts.put("effective_group_id", number(raw.get("user_gid")));
    facts.put("real_user_id", number(raw.get("real_user_id", raw.get("user_uid"))));
    facts.put("real_group_id", number(raw.get("real_group_id", raw.get("user_gid"))));
    String[] passwd = raw.get("passwd", "").split(":", -1);
    if (passwd.length >= 7) {
      facts.put("user_gecos", passwd[4]);
      facts.put("user_shell", passwd[6]);
    }
  }

  private static void release(Raw raw, Map<String, Object> facts) {
    String id = raw.get("os_ID", "").toLowerCase(Locale.ROOT);
    String like = raw.get("os_ID_LIKE", "").toLowerCase(Locale.ROOT);
    String distribution = distribution(id, raw.get("os_NAME", raw.get("system", "")));
    String version = raw.get("os_VERSION_ID", "");
    // Ansible reads Debian's point release from /etc/debian_version (12.11), not os-release (12)
    String debian = raw.get("debian_version", "");
    if ("Debian".equals(distribution) && debian.matches("\\d+(\\.\\d+)*")) {
      version = debian;
    }
    String family = osFamily(id, like, distribution);
    facts.put("distribution", distribution);
    facts.put("distribution_version", version);
    String[] parts = version.split("\\.");
    facts.put("distribution_major_version", parts[0]);
    if (parts.length > 1) {
      facts.put("distribution_minor_version", parts[1]);
    }
    facts.put("distribution_release", raw.get("os_VERSION_CODENAME", ""));
    facts.put("os_family", family);
    if (raw.has("os_ID")) {
      facts.put("distribution_file_path", "/etc/os-release");
      facts.put("distribution_file_variety", family);
    }
    if (raw.has("lsb") && raw.has("os_ID")) {
      String release = raw.get("os_VERSION_ID", "");
      Map<String, Object> lsb = new LinkedHashMap<>();
      lsb.put("codename", raw.get("os_VERSION_CODENAME", ""));
      lsb.put("description", raw.get("os_PRETTY_NAME", ""));
      lsb.put("id", distribution);
      lsb.put("major_release", release.split("\\.")[0]);
      lsb.put("release", release);
      facts.put("lsb", lsb);
    }
  }

  private static void managers(Raw raw, Map<String, Object> facts) {
    List<String> tools = raw.all("tool");
    String family = String.valueOf(facts.get("os_family"));
    String pkgMgr = switch (family) {
      case "RedHat" -> tools.contains("dnf") || !tools.contains("yum") ? "dnf" : "yum";
      case "Debian" -> "apt";
      case "Suse" -> "zypper";
      case "Archlinux" -> "pacman";
      case "Alpine" -> "apk";
      default -> tools.isEmpty() ? "unknown" : tools.get(0).replace("apt-get", "apt");
    };
    facts.put("pkg_mgr", pkgMgr);
    facts.put("service_mgr", serviceManager(raw));
  }

  /** As Ansible's service manager facts: PID 1's name, except for the generic ones. */
  private static String serviceManager(Raw raw) {
    if (raw.has("systemd_booted")) {
      return "systemd";
    }
    String init = raw.get("init", "");
    if (!init.isEmpty() && !init.equals("init") && !init.endsWith("sh")) {
      return init.startsWith("runit") ? "runit" : init;
    }
    if (raw.has("openrc")) {
      return "openrc";
    }
    return raw.has("initd") ? "sysvinit" : "service";
  }

  private static void hardware(Raw raw, Map<String, Object> facts) {
    long total = kib(raw, "MemTotal");
    long free = kib(raw, "MemFree");
    long buffers = kib(raw, "Buffers");
    long cached = kib(raw, "Cached");
    long swapTotal = kib(raw, "SwapTotal");
    long swapFree = kib(raw, "SwapFree");
    if (raw.has("meminfo_MemTotal")) {
      facts.put("memtotal_mb", total / 1024);
      facts.put("memfree_mb", free / 1024);
      facts.put("swaptotal_mb", swapTotal / 1024);
      facts.put("swapfree_mb", swapFree / 1024);
      Map<String, Object> memory = new LinkedHashMap<>();
      memory.put("nocache", Map.of("free", (free + buffers + cached) / 1024, "used", (total - free - buffers - cached) / 1024));
      memory.put("real", Map.of("free", free / 1024, "total", total / 1024, "used", (total - free) / 1024));
      memory.put("swap", Map.of("cached", kib(raw, "SwapCached") / 1024, "free", swapFree / 1024, "total", swapTotal / 1024,
          "used", (swapTotal - swapFree) / 1024));
      facts.put("memory_mb", memory);
    }
    TreeMap<Integer, String[]> cpus = new TreeMap<>();
    for (String line : raw.all("cpu")) {
      String[] f = line.split("\t", -1);
      try {
        cpus.put(Integer.parseInt(f[0].trim()), f);
      } catch (NumberFormatException e) {
        // a processor line this parser does not know: left out
      }
    }
    if (!cpus.isEmpty()) {
      List<String> processor = new ArrayList<>();
      cpus.forEach((n, f) -> {
        processor.add(String.valueOf(n));
        processor.add(f.length > 1 ? f[1] : "");
        processor.add(f.length > 2 ? f[2] : "");
      });
      facts.put("processor", processor);
      long sockets = Math.max(1, longOr(raw.get("cpu_sockets"), 1));
      long cores = longOr(raw.get("cpu_cores"), 0);
      long siblings = longOr(raw.get("cpu_siblings"), 0);
      if (cores > 0) {
        long threads = siblings > 0 ? Math.max(1, siblings / cores) : 1;
        facts.put("processor_count", sockets);
        facts.put("processor_cores", cores);
        facts.put("processor_threads_per_core", threads);
        facts.put("processor_vcpus", threads * cores * sockets);
      } else {
        facts.put("processor_count", (long) cpus.size());
        facts.put("processor_cores", 1L);
        facts.put("processor_threads_per_core", 1L);
        facts.put("processor_vcpus", (long) cpus.size());
      }
    }
    if (!raw.get("nproc", "").isEmpty()) {
      facts.put("processor_nproc", number(raw.get("nproc")));
    }
    if (raw.has("uptime")) {
      facts.put("uptime_seconds", (long) Double.parseDouble(raw.get("uptime")));
    }
    String[] load = raw.get("loadavg", "").split(" ");
    if (load.length == 3) {
      facts.put("loadavg", Map.of("1m", Double.parseDouble(load[0]), "5m", Double.parseDouble(load[1]),
          "15m", Double.parseDouble(load[2])));
    }
    for (String[] dmi : new String[][] {{"sys_vendor", "system_vendor"}, {"product_name", "product_name"},
        {"product_version", "product_version"}, {"product_serial", "product_serial"}, {"product_uuid", "product_uuid"},
        {"bios_version", "bios_version"}, {"bios_date", "bios_date"}, {"bios_vendor", "bios_vendor"},
        {"board_vendor", "board_vendor"}, {"board_name", "board_name"}, {"chassis_vendor", "chassis_vendor"}}) {
      String v = raw.get("dmi_" + dmi[0], "");
      facts.put(dmi[1], v.isBlank() ? "NA" : v);
    }
  }

  private static void kernel(Raw raw, Map<String, Object> facts) {
    String line = raw.get("cmdline", "");
    if (!line.isEmpty()) {
      Map<String, Object> cmdline = new LinkedHashMap<>();
      Map<String, Object> proc = new LinkedHashMap<>();
      for (String word : line.split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        int eq = word.indexOf('=');
        String key = eq < 0 ? word : word.substring(0, eq);
        Object value = eq < 0 ? Boolean.TRUE : word.substring(eq + 1);
        cmdline.put(key, value);
        // proc_cmdline keeps every value of a repeated key, as a list
        Object before = proc.get(key);
        if (before == null) {
          proc.put(key, value);
        } else if (before instanceof List<?> l) {
          @SuppressWarnings("unchecked")
          List<Object> list = (List<Object>) l;
          list.add(value);
        } else {
          proc.put(key, new ArrayList<>(List.of(before, value)));
        }
      }
      facts.put("cmdline", cmdline);
      facts.put("proc_cmdline", proc);
    }
    facts.put("fips", "1".equals(raw.get("fips", "0")));
    Map<String, Object> selinux = new LinkedHashMap<>();
    if (raw.has("selinux")) {
      selinux.put("status", "enabled");
      selinux.put("mode", "1".equals(raw.get("selinux_enforce", "")) ? "enforcing" : "permissive");
    } else {
      selinux.put("status", "disabled");
    }
    facts.put("selinux", selinux);
    facts.put("apparmor", Map.of("status", raw.has("apparmor") ? "enabled" : "disabled"));
  }

  /** Containers first (as Ansible looks), then the DMI names of common hypervisors. */
  private static void virtualization(Raw raw, Map<String, Object> facts) {
    String type = "NA";
    String role = "NA";
    String container = raw.get("container", raw.get("container_cgroup", ""));
    if (!container.isEmpty()) {
      type = switch (container) {
        case "kubepods" -> "container";
        case "libpod" -> "podman";
        default -> container;
      };
      role = "guest";
    } else {
      String dmi = (raw.get("dmi_sys_vendor", "") + " " + raw.get("dmi_product_name", "")).toLowerCase(Locale.ROOT);
      if (dmi.contains("qemu") || dmi.contains("kvm") || dmi.contains("amazon ec2") || dmi.contains("openstack")) {
        type = "kvm";
      } else if (dmi.contains("vmware")) {
        type = "VMware";
      } else if (dmi.contains("virtualbox")) {
        type = "virtualbox";
      } else if (dmi.contains("xen")) {
        type = "xen";
      } else if (dmi.contains("microsoft") && dmi.contains("virtual")) {
        type = "VirtualPC";
      }
      if (!"NA".equals(type)) {
        role = "guest";
      }
    }
    facts.put("virtualization_type", type);
    facts.put("virtualization_role", role);
  }

  private static void mounts(Raw raw, Map<String, Object> facts) {
    Map<String, String[]> statfs = new LinkedHashMap<>();
    for (String line : raw.all("statfs")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        statfs.put(line.substring(tab + 1), line.substring(0, tab).trim().split(" "));
      }
    }
    List<Object> mounts = new ArrayList<>();
    for (String line : raw.all("mount")) {
      String[] f = line.split("\t", -1);
      if (f.length < 4) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("device", octal(f[0]));
      m.put("mount", octal(f[1]));
      m.put("fstype", f[2]);
      m.put("options", f[3]);
      m.put("uuid", "N/A");
      String[] s = statfs.get(f[1]);
      if (s != null && s.length == 7) {
        // stat -f: %s block size, %S fragment size, %b blocks, %f free, %a available, %c inodes, %d free inodes
        long bsize = Long.parseLong(s[0]);
        long frsize = Long.parseLong(s[1]);
        long blocks = Long.parseLong(s[2]);
        long bfree = Long.parseLong(s[3]);
        long bavail = Long.parseLong(s[4]);
        long files = Long.parseLong(s[5]);
        long ffree = Long.parseLong(s[6]);
        m.put("size_total", frsize * blocks);
        m.put("size_available", frsize * bavail);
        m.put("block_size", bsize);
        m.put("block_total", blocks);
        m.put("block_available", bavail);
        m.put("block_used", blocks - bfree);
        m.put("inode_total", files);
        m.put("inode_available", ffree);
        m.put("inode_used", files - ffree);
      }
      mounts.add(m);
    }
    facts.put("mounts", mounts);
  }

  private static void dateTime(Raw raw, Map<String, Object> facts) {
    String[] f = raw.get("date_time", "").split(" ");
    String[] utc = raw.get("date_time_utc", "").split(" ");
    if (f.length < 12 || utc.length < 2) {
      return;
    }
    String micro = utc[1].length() >= 6 ? utc[1].substring(0, 6) : "000000";
    String basic = f[0] + f[1] + f[2] + "T" + f[3] + f[4] + f[5];
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("date", f[0] + "-" + f[1] + "-" + f[2]);
    d.put("day", f[2]);
    d.put("epoch", f[6]);
    d.put("epoch_int", f[6]);
    d.put("hour", f[3]);
    d.put("iso8601", utc[0] + "Z");
    d.put("iso8601_basic", basic + micro);
    d.put("iso8601_basic_short", basic);
    d.put("iso8601_micro", utc[0] + "." + micro + "Z");
    d.put("minute", f[4]);
    d.put("month", f[1]);
    d.put("second", f[5]);
    d.put("time", f[3] + ":" + f[4] + ":" + f[5]);
    d.put("tz", f[7]);
    d.put("tz_dst", f[7]);
    d.put("tz_offset", f[8]);
    d.put("weekday", f[9]);
    d.put("weekday_number", f[10]);
    d.put("weeknumber", f[11]);
    d.put("year", f[0]);
    facts.put("date_time", d);
  }

  private static void environment(Raw raw, Map<String, Object> facts) {
    Map<String, Object> env = new TreeMap<>();
    raw.entries().forEach((key, values) -> {
      if (key.startsWith("env.") && !values.isEmpty()) {
        env.put(key.substring(4), unescape(values.get(values.size() - 1)));
      }
    });
    facts.put("env", env);
  }

  private static void hostKeys(Raw raw, Map<String, Object> facts) {
    for (String line : raw.all("hostkey")) {
      String[] f = line.split(" ");
      if (f.length < 2) {
        continue;
      }
      String kind = f[0].startsWith("ecdsa-") ? "ecdsa" : f[0].replace("ssh-", "").replace("dss", "dsa");
      facts.put("ssh_host_key_" + kind + "_public", f[1]);
      facts.put("ssh_host_key_" + kind + "_public_keytype", f[0]);
    }
  }

  private static String distribution(String id, String name) {
    return switch (id) {
      case "debian" -> "Debian";
      case "ubuntu" -> "Ubuntu";
      case "fedora" -> "Fedora";
      case "centos" -> "CentOS";
      case "rhel" -> "RedHat";
      case "rocky" -> "Rocky";
      case "almalinux" -> "AlmaLinux";
      case "ol" -> "OracleLinux";
      case "amzn" -> "Amazon";
      case "arch" -> "Archlinux";
      case "alpine" -> "Alpine";
      case "sles", "sled" -> "SLES";
      case "opensuse-leap", "opensuse-tumbleweed", "opensuse" -> "openSUSE Leap";
      default -> name.isBlank() ? "" : name.split(" ")[0];
    };
  }

  private static String osFamily(String id, String like, String distribution) {
    String all = id + " " + like;
    if (all.matches(".*\\b(rhel|fedora|centos|rocky|almalinux|ol|amzn)\\b.*")) {
      return "RedHat";
    }
    if (all.matches(".*\\b(debian|ubuntu)\\b.*")) {
      return "Debian";
    }
    if (all.contains("suse")) {
      return "Suse";
    }
    if (all.matches(".*\\barch\\b.*")) {
      return "Archlinux";
    }
    if (id.equals("alpine")) {
      return "Alpine";
    }
    return distribution;
  }

  private static long kib(Raw raw, String key) {
    return longOr(raw.get("meminfo_" + key), 0);
  }

  static long longOr(String s, long otherwise) {
    try {
      return s == null ? otherwise : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** /proc/mounts writes a space in a path as \040, a tab as \011. */
  private static String octal(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  /** The script's awk escapes a backslash as \\ and a newline as \n. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static Object number(String s) {
    try {
      return s == null ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return s;
    }
  }
}
