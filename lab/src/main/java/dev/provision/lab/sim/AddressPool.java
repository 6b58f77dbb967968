package dev.provision.lab.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake addresses, written to the API as strings only (nothing listens on them, and nothing may connect to them):
 * node i has InternalIP 10.10.0.(11+i) and pod range 10.244.i.0/24. An object keeps its address while it lives.
 */
final class AddressPool {

  private final List<String> nodes;
  private final Map<String, String> byUid = new HashMap<>();
  private final Map<String, Integer> nextHost = new HashMap<>();

  AddressPool(List<String> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  synchronized String nodeIp(String node) {
    return "10.10.0." + (11 + index(node));
  }

  /** The address of a pod or VMI (by uid) on a node; the same on every call. */
  synchronized String podIp(String uid, String node) {
    return byUid.computeIfAbsent(uid, u -> {
      int host = nextHost.merge(node, 1, Integer::sum) % 250 + 2;
      return "10.244." + index(node) + "." + host;
    });
  }

  /** A stable locally administered MAC for an interface (KubeVirt's 52:54:00 prefix). */
  static String mac(String uid) {
    int h = uid.hashCode();
    return String.format("52:54:00:%02x:%02x:%02x", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
  }

  synchronized void release(String uid) {
    byUid.remove(uid);
  }

  private int index(String node) {
    int i = nodes.indexOf(node);
    return i < 0 ? 200 + Math.floorMod(node.hashCode(), 50) : i;
  }
}
