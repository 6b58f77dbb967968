package dev.provision.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The network facts: interfaces, addresses and the default routes, in Ansible's shapes. */
final class NetworkFacts {

  private NetworkFacts() {}

  static void put(FactGatherer.Raw raw, Map<String, Object> facts) {
    Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
    for (String line : raw.all("iface")) {
      String[] f = line.split("\t", -1);
      if (f.length < 6) {
        continue;
      }
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("device", f[0]);
      long flags = f[5].startsWith("0x") ? FactGatherer.longOr(hex(f[5].substring(2)), 0) : 0;
      i.put("active", (flags & 0x1) != 0); // IFF_UP
      i.put("promisc", (flags & 0x100) != 0);
      if (!"-".equals(f[1]) && !"772".equals(f[4])) {
        i.put("macaddress", f[1]);
      }
      if (!"-".equals(f[2])) {
        i.put("mtu", FactGatherer.longOr(f[2], 0));
      }
      i.put("type", "772".equals(f[4]) ? "loopback" : "1".equals(f[4]) ? "ether" : "unknown");
      interfaces.put(f[0], i);
    }
    List<String> all4 = new ArrayList<>();
    for (String line : raw.all("ipv4")) {
      String[] f = line.split(" ");
      if (f.length < 3 || !f[1].contains("/")) {
        continue;
      }
      Map<String, Object> address = ipv4(f[1], "-".equals(f[2]) ? "" : f[2]);
      Map<String, Object> i = interfaces.computeIfAbsent(f[0], k -> new LinkedHashMap<>(Map.of("device", k)));
      if (i.containsKey("ipv4")) {
        @SuppressWarnings("unchecked")
        List<Object> secondaries = (List<Object>) i.computeIfAbsent("ipv4_secondaries", k -> new ArrayList<>());
        secondaries.add(address);
      } else {
        i.put("ipv4", address);
      }
      if (!f[1].startsWith("127.")) {
        all4.add(String.valueOf(address.get("address")));
      }
    }
    List<String> all6 = new ArrayList<>();
    for (String line : raw.all("ipv6")) {
      String[] f = line.split(" ");
      if (f.length < 3 || !f[1].contains("/")) {
        continue;
      }
      String[] ap = f[1].split("/");
      Map<String, Object> i = interfaces.computeIfAbsent(f[0], k -> new LinkedHashMap<>(Map.of("device", k)));
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) i.computeIfAbsent("ipv6", k -> new ArrayList<>());
      list.add(new LinkedHashMap<>(Map.of("address", ap[0], "prefix", ap[1], "scope", f[2])));
      if (!"host".equals(f[2])) {
        all6.add(ap[0]);
      }
    }
    facts.put("interfaces", new ArrayList<>(interfaces.keySet()));
    facts.put("all_ipv4_addresses", all4);
    facts.put("all_ipv6_addresses", all6);
    interfaces.forEach((name, i) -> facts.put(name.replace('-', '_').replace('.', '_').replace(':', '_'), i));
    facts.put("default_ipv4", defaultIpv4(raw.get("route4", ""), interfaces));
    facts.put("default_ipv6", defaultIpv6(raw.get("route6", ""), interfaces));
    Map<String, Object> dns = new LinkedHashMap<>();
    if (!raw.all("nameserver").isEmpty()) {
      dns.put("nameservers", new ArrayList<>(raw.all("nameserver")));
    }
    if (!raw.all("search").isEmpty()) {
      dns.put("search", new ArrayList<>(raw.all("search")));
    }
    facts.put("dns", dns);
  }

  private static Map<String, Object> defaultIpv4(String route, Map<String, Map<String, Object>> interfaces) {
    Map<String, Object> out = new LinkedHashMap<>();
    String[] f = route.split(" ");
    if (f.length < 2 || !interfaces.containsKey(f[0])) {
      return out;
    }
    Map<String, Object> i = interfaces.get(f[0]);
    if (i.get("ipv4") instanceof Map<?, ?> a) {
      a.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    out.put("alias", f[0]);
    out.put("gateway", gateway(f[1]));
    out.put("interface", f[0]);
    copy(i, out, "macaddress", "mtu", "type");
    return new TreeMap<>(out);
  }

  private static Map<String, Object> defaultIpv6(String route, Map<String, Map<String, Object>> interfaces) {
    Map<String, Object> out = new LinkedHashMap<>();
    String[] f = route.split(" ");
    if (f.length < 2 || !interfaces.containsKey(f[0])) {
      return out;
    }
    Map<String, Object> i = interfaces.get(f[0]);
    if (i.get("ipv6") instanceof List<?> list) {
      list.stream().filter(a -> a instanceof Map<?, ?> m && "global".equals(m.get("scope"))).findFirst()
          .ifPresent(a -> ((Map<?, ?>) a).forEach((k, v) -> out.put(String.valueOf(k), v)));
    }
    out.put("gateway", ipv6(f[1]));
    out.put("interface", f[0]);
    copy(i, out, "macaddress", "mtu", "type");
    return new TreeMap<>(out);
  }

  private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
    for (String k : keys) {
      if (from.containsKey(k)) {
        to.put(k, from.get(k));
      }
    }
  }

  /** address/prefix to Ansible's address, netmask, network, prefix and broadcast. */
  static Map<String, Object> ipv4(String cidr, String broadcast) {
    String[] ap = cidr.split("/");
    int prefix = Integer.parseInt(ap[1]);
    long address = toLong(ap[0]);
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", ap[0]);
    out.put("broadcast", broadcast);
    out.put("netmask", dotted(mask));
    out.put("network", dotted(address & mask));
    out.put("prefix", String.valueOf(prefix));
    return out;
  }

  /** /proc/net/route writes the gateway as 32-bit little-endian hex. */
  static String gateway(String hex) {
    long v = FactGatherer.longOr(hex(hex), 0);
    return (v & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 24 & 0xFF);
  }

  /** /proc/net/ipv6_route writes an address as 32 hex digits; shown in its shortest form. */
  static String ipv6(String hex) {
    if (hex.length() != 32) {
      return hex;
    }
    try {
      byte[] bytes = new byte[16];
      for (int i = 0; i < 16; i++) {
        bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
      }
      String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
      return shortest(text);
    } catch (java.net.UnknownHostException | NumberFormatException e) {
      return hex;
    }
  }

  /** Java writes every group (fd00:0:0:0:0:0:0:1); Ansible shows the compressed form (fd00::1). */
  private static String shortest(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLength && j - i > 1) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static long toLong(String dotted) {
    long v = 0;
    for (String part : dotted.split("\\.")) {
      v = v << 8 | Integer.parseInt(part);
    }
    return v;
  }

  private static String dotted(long v) {
    return (v >> 24 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v & 0xFF);
  }

  private static String hex(String s) {
    try {
      return String.valueOf(Long.parseLong(s, 16));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
