package dev.provision.run;

import dev.provision.connection.Command;
import dev.provision.connection.CommandResult;
import dev.provision.connection.Connection;
import dev.provision.connection.ConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers a host's basic facts with one command (one round trip): names, system, architecture,
 * user and /etc/os-release. Published as Ansible names ({@code ansible_os_family}...) and as the
 * {@code ansible_facts} map without the prefix.
 */
final class FactGatherer {

  static final String COMMAND = String.join("; ",
      "echo \"hostname=$(hostname -s 2>/dev/null || hostname 2>/dev/null || uname -n)\"",
      "echo \"fqdn=$(hostname -f 2>/dev/null || hostname 2>/dev/null || uname -n)\"",
      "echo \"nodename=$(uname -n)\"",
      "echo \"system=$(uname -s)\"",
      "echo \"kernel=$(uname -r)\"",
      "echo \"architecture=$(uname -m)\"",
      "echo \"user_id=$(id -un)\"",
      "echo \"user_uid=$(id -u)\"",
      "echo \"user_dir=$HOME\"",
      "if [ -r /etc/os-release ]; then sed -n 's/^\\([A-Z_]*\\)=/os_\\1=/p' /etc/os-release; fi");

  Map<String, Object> gather(Connection connection) throws ConnectionException {
    CommandResult result = connection.run(Command.of(COMMAND));
    if (!result.succeeded()) {
      throw new ConnectionException(ConnectionException.Kind.BROKEN, connection.target(),
          "gathering facts failed (exit " + result.exitCode() + "): " + result.failureText());
    }
    return parse(result.stdout());
  }

  /** Parses the command's output into {@code ansible_*} variables plus {@code ansible_facts}. */
  static Map<String, Object> parse(String output) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        raw.put(line.substring(0, eq), unquote(line.substring(eq + 1).strip()));
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    String hostname = raw.getOrDefault("hostname", raw.getOrDefault("nodename", ""));
    facts.put("hostname", hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname);
    facts.put("nodename", raw.getOrDefault("nodename", hostname));
    facts.put("fqdn", raw.getOrDefault("fqdn", hostname));
    facts.put("system", raw.getOrDefault("system", ""));
    facts.put("kernel", raw.getOrDefault("kernel", ""));
    facts.put("architecture", raw.getOrDefault("architecture", ""));
    facts.put("user_id", raw.getOrDefault("user_id", ""));
    facts.put("user_uid", parseLong(raw.get("user_uid")));
    facts.put("user_dir", raw.getOrDefault("user_dir", ""));
    String id = raw.getOrDefault("os_ID", "").toLowerCase(Locale.ROOT);
    String like = raw.getOrDefault("os_ID_LIKE", "").toLowerCase(Locale.ROOT);
    String distribution = distribution(id, raw.getOrDefault("os_NAME", raw.getOrDefault("system", "")));
    String version = raw.getOrDefault("os_VERSION_ID", "");
    facts.put("distribution", distribution);
    facts.put("distribution_version", version);
    facts.put("distribution_major_version", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
    facts.put("distribution_release", raw.getOrDefault("os_VERSION_CODENAME", ""));
    facts.put("os_family", osFamily(id, like, distribution));
    Map<String, Object> out = new LinkedHashMap<>();
    facts.forEach((k, v) -> out.put("ansible_" + k, v));
    out.put("ansible_facts", new LinkedHashMap<>(facts));
    return out;
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

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static Object parseLong(String s) {
    try {
      return s == null ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return s;
    }
  }
}
