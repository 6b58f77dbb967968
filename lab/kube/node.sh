#!/usr/bin/env bash
# One REAL Kubernetes node next to the control plane of lab/kube/apiserver.sh: containerd (CRI) + runc, a kubelet,
# the kube-scheduler and a bridge CNI; images built here from local files (nothing is ever pulled).
#
#   node.sh start  DIR   DIR is apiserver.sh's (it must run); the node's state goes to DIR/node. Waits for Ready.
#   node.sh status DIR   exit 0 when every process is alive, the guard routes are in place and the node is Ready
#   node.sh stop   DIR   stops the processes recorded in DIR/node/*.pid (only those), removes the pod bridge,
#                        the pods' network namespaces and the guard routes
#
# Network guard (before any pod starts): pod and Service addresses never leave through the default route. The node's
# pod subnet ($NODE_POD_CIDR) is on the bridge $BRIDGE only; the rest of the cluster's pod range, the Service range
# and the cluster DNS address get `unreachable` routes in the root namespace, checked with `ip route get`. Pods get
# no default route, only routes to those ranges. One such node per machine (the bridge and the routes are global):
# callers serialise with the lab lock. The node is tainted $TAINT so that only pods that tolerate it run here (the
# lab's simulated nodes still take the rest; see lab/README.md).
set -euo pipefail

BIN=${PROVISION_K8S_DIR:-$HOME/.cache/provision/k8s/1.20.2-linux-amd64}
NODE_NAME=${KUBE_NODE_NAME:-node01}
CLUSTER_POD_CIDR=10.244.0.0/16
NODE_POD_CIDR=10.244.100.0/24   # the simulated nodes take 10.244.0-2.0/24 (sim/AddressPool)
NODE_IP=10.244.100.1
SERVICE_CIDR=${KUBE_SERVICE_CIDR:-10.96.0.0/12}
DNS_IP=10.96.0.10
BRIDGE=provcni0
TAINT=provision.dev/real-node=true:NoSchedule
PAUSE_IMAGE=provision.lab/pause:3.4
BUSYBOX_IMAGE=provision.lab/busybox:1.35.0
PROCS=(containerd kubelet kube-scheduler)
GUARD=("$CLUSTER_POD_CIDR" "$SERVICE_CIDR" "$DNS_IP/32")

usage() { echo "usage: $0 start|stop|status DIR" >&2; exit 64; }
log() { printf '[kube-node] %s\n' "$*" >&2; }
(($# == 2)) || usage
CMD=$1
KDIR=$2
[[ ! -d $KDIR ]] || KDIR=$(cd "$KDIR" && pwd)   # absolute: the mounts under it are found by path
N="$KDIR/node"

pid_alive() { [[ -s "$N/$1.pid" ]] && kill -0 "$(cat "$N/$1.pid")" 2>/dev/null; }
kubectl_() { "$BIN/kubectl" --kubeconfig "$KDIR/kubeconfig" --request-timeout=10s "$@"; }
ctr_() { ctr --address "$N/containerd.sock" -n k8s.io "$@"; }
node_ready() {
  [[ $(kubectl_ get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null) == True ]]
}
wait_for() { # description, seconds, test command...
  local what=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS >= deadline)); then log "$what not ready after ${secs}s"; return 1; fi
    sleep 0.5
  done
}
spawn() { # name, command...: own session, output to N/name.log, pid to N/name.pid
  local name=$1; shift
  setsid "$@" >"$N/$name.log" 2>&1 </dev/null &
  echo $! >"$N/$name.pid"
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # a free port below the ephemeral range, the preferred one when free
  local p=$1
  for _ in $(seq 1 200); do
    port_free "$p" && { echo "$p"; return 0; }
    p=$((10000 + RANDOM % 20000))
  done
  return 1
}

# --- network guard ----------------------------------------------------------------------------------
# `ip route get` of an address in each guarded range: never a route through the default gateway's device
guard_check() {
  local default_dev addr out rc=0
  default_dev=$(ip route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}' | head -1)
  for addr in 10.244.200.1 10.96.0.1 "$DNS_IP" 10.108.0.1; do
    # an unreachable route: `ip route get` fails with "No route to host" (EHOSTUNREACH)
    if out=$(ip route get "$addr" 2>&1) || [[ $out != *"No route to host"* ]] \
        || { [[ -n $default_dev ]] && [[ $out == *" dev $default_dev "* ]]; }; then
      echo "guard: $addr is routed: $out"; rc=1
    fi
  done
  return $rc
}
guard_up() {
  local r
  for r in "${GUARD[@]}"; do
    ip route replace unreachable "$r"
    echo "$r" >>"$N/routes.tmp"
  done
  sort -u "$N/routes.tmp" >"$N/routes" && rm -f "$N/routes.tmp"
  guard_check >&2 || { log "network guard failed: pod or Service addresses would leave through the default route"; return 1; }
}
guard_down() {
  local r
  [[ -s "$N/routes" ]] || return 0
  while read -r r; do
    ip route del unreachable "$r" 2>/dev/null && echo "route: removed unreachable $r"
  done <"$N/routes"
  rm -f "$N/routes"
}

# --- images: docker archives written here from a local root file system, imported with ctr ---------------------
# image_archive NAME:TAG ROOTFS OUT.tar ENTRYPOINT_JSON CMD_JSON
image_archive() {
  local ref=$1 rootfs=$2 out=$3 entry=$4 cmd=$5 w
  w=$(mktemp -d "$N/image.XXXXXX")
  # a reproducible layer: same files, same bytes, same digest
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$w/layer.tar" .
  local diff
  diff=$(sha256sum "$w/layer.tar" | cut -d' ' -f1)
  mkdir -p "$w/$diff" && mv "$w/layer.tar" "$w/$diff/layer.tar"
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":%s,"Cmd":%s,"Env":["PATH=/bin:/sbin:/usr/bin:/usr/sbin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"provision lab/kube/node.sh from %s"}]}' \
    "$entry" "$cmd" "$diff" "$ref" >"$w/config.json"
  local cfg
  cfg=$(sha256sum "$w/config.json" | cut -d' ' -f1)
  mv "$w/config.json" "$w/$cfg.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$cfg" "$ref" "$diff" >"$w/manifest.json"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$w" -cf "$out" manifest.json "$cfg.json" "$diff"
  rm -rf "$w"
}
build_images() {
  local img="$N/images" r
  mkdir -p "$img"
  if [[ ! -s $img/pause.tar ]]; then
    r=$(mktemp -d "$N/rootfs.XXXXXX")
    install -m 0755 "$BIN/pause" "$r/pause"
    image_archive "$PAUSE_IMAGE" "$r" "$img/pause.tar" '["/pause"]' '[]'
    rm -rf "$r"
  fi
  if [[ ! -s $img/busybox.tar ]]; then
    r=$(mktemp -d "$N/rootfs.XXXXXX")
    mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/proc" "$r/sys" "$r/dev"
    install -m 0755 /bin/busybox "$r/bin/busybox"
    local a
    for a in $(/bin/busybox --list); do [[ $a == busybox ]] || ln -s busybox "$r/bin/$a"; done
    printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$r/etc/passwd"
    printf 'root:x:0:\nnobody:x:65534:\n' >"$r/etc/group"
    image_archive "$BUSYBOX_IMAGE" "$r" "$img/busybox.tar" 'null' '["sh"]'
    rm -rf "$r"
  fi
  for r in pause busybox; do
    ctr_ images import "$img/$r.tar" >/dev/null 2>"$N/import.err" \
      || { log "ctr images import $img/$r.tar failed: $(cat "$N/import.err")"; return 1; }
  done
}

# --- certificates and kubeconfigs, signed by the control plane's CA ---------------------------------------
client_cert() { # name CN O
  local pki="$KDIR/pki"
  [[ -s "$N/pki/$1.crt" ]] && return 0
  mkdir -p "$N/pki" && chmod 700 "$N/pki"
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >"$N/pki/client.ext"
  openssl req -newkey rsa:2048 -nodes -keyout "$N/pki/$1.key" -out "$N/pki/$1.csr" -subj "/CN=$2/O=$3" 2>/dev/null
  openssl x509 -req -in "$N/pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$N/pki/client.ext" -out "$N/pki/$1.crt" 2>/dev/null
  rm -f "$N/pki/$1.csr" "$N/pki/client.ext"
  chmod 600 "$N/pki/$1.key"
}
cert_kubeconfig() { # file server cert-name user
  (umask 077; cat >"$1" <<KC
apiVersion: v1
kind: Config
clusters:
- name: provision-lab
  cluster:
    server: $2
    certificate-authority: $KDIR/pki/ca.crt
users:
- name: $4
  user:
    client-certificate: $N/pki/$3.crt
    client-key: $N/pki/$3.key
contexts:
- name: provision-lab
  context: {cluster: provision-lab, user: $4}
current-context: provision-lab
KC
  )
}

status() {
  local p rc=0
  for p in "${PROCS[@]}"; do
    if pid_alive "$p"; then echo "$p: running (pid $(cat "$N/$p.pid"))"; else echo "$p: stopped"; rc=1; fi
  done
  if guard_check >/dev/null; then
    echo "network guard: unreachable routes for $(tr '\n' ' ' <"$N/routes" 2>/dev/null)(ip route get: none uses the default route)"
  else
    guard_check || true; rc=1
  fi
  if ip link show "$BRIDGE" >/dev/null 2>&1; then echo "pod network: bridge $BRIDGE, pods in $NODE_POD_CIDR"; fi
  if ((rc == 0)) && node_ready; then echo "node $NODE_NAME: Ready"; else echo "node $NODE_NAME: not Ready"; rc=1; fi
  return $rc
}

stop() {
  local p pid
  # the kubelet first (it would restart the pods), then the pods' sandboxes, then containerd
  for p in kube-scheduler kubelet; do stop_pid "$p"; done
  if pid_alive containerd; then
    local c
    for c in $(ctr_ tasks list -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true; done
    sleep 0.5
    for c in $(ctr_ tasks list -q 2>/dev/null); do ctr_ tasks delete -f "$c" >/dev/null 2>&1 || true; done
  fi
  stop_pid containerd
  # the pods' network namespaces (CRI names them cni-...): those that were not there when this node started
  local ns
  for ns in $(cni_netns); do
    if ! grep -qx "$ns" "$N/netns.before" 2>/dev/null; then
      ip netns delete "$ns" 2>/dev/null && echo "netns: removed $ns"
    fi
  done
  rm -f "$N/netns.before"
  if ip link show "$BRIDGE" >/dev/null 2>&1 && [[ -e "$N/bridge" ]]; then
    ip link delete "$BRIDGE" && echo "bridge: removed $BRIDGE"
  fi
  rm -f "$N/bridge"
  guard_down
  # the kubelet's and containerd's mounts (pod volumes, overlay snapshots) under DIR/node
  local m
  for m in $(awk -v d="$N/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r); do umount -l "$m" 2>/dev/null || true; done
  kubectl_ delete node "$NODE_NAME" --wait=false >/dev/null 2>&1 || true
}
cni_netns() { ip netns list 2>/dev/null | awk '{print $1}' | grep '^cni-' || true; }
stop_pid() {
  local p=$1 pid
  if pid_alive "$p"; then
    pid=$(cat "$N/$p.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "$p: stopped (pid $pid)"
  fi
  rm -f "$N/$p.pid"
}

preflight() {
  local b
  for b in kubelet kube-scheduler pause kubectl; do
    [[ -x "$BIN/$b" ]] || { log "missing $BIN/$b: run lab/kube/build.sh first"; exit 2; }
  done
  for b in containerd containerd-shim-runc-v2 runc ctr ip; do
    command -v "$b" >/dev/null || { log "$b is missing (lab/prereqs.sh installs containerd, runc)"; exit 2; }
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] \
    || { log "the CNI plugins are missing (apt-get install containernetworking-plugins)"; exit 2; }
  [[ -x /bin/busybox ]] || { log "/bin/busybox is missing (apt-get install busybox-static)"; exit 2; }
  [[ -s "$KDIR/cluster.env" && -s "$KDIR/pki/ca.key" ]] || { log "no control plane in $KDIR (apiserver.sh start first)"; exit 2; }
  [[ $(id -u) == 0 ]] || { log "the node needs root (containers, bridge, routes)"; exit 2; }
}

start() {
  preflight
  mkdir -p "$N" && chmod 700 "$N"
  if status >/dev/null 2>&1; then log "already running"; status; return 0; fi
  stop >/dev/null 2>&1 || true   # a half-started node from an earlier attempt
  local t0=$SECONDS server
  server=$(sed -n 's/^SERVER=//p' "$KDIR/cluster.env")

  if ip link show "$BRIDGE" >/dev/null 2>&1 && [[ ! -e "$N/bridge" ]]; then
    log "another real node runs on this machine (bridge $BRIDGE exists): one at a time (stop it with its node.sh stop)"
    return 1
  fi
  # 1. the guard, before anything can start a pod
  guard_up

  # 2. containerd: private socket, root and state; CRI with the local pause image; cgroupfs; overlayfs
  mkdir -p "$N/containerd/root" "$N/containerd/state" "$N/cni/net.d" "$N/cni/ipam" "$N/runc"
  cat >"$N/containerd.toml" <<TOML
version = 2
root = "$N/containerd/root"
state = "$N/containerd/state"
[grpc]
  address = "$N/containerd.sock"
[ttrpc]
  address = "$N/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$N/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  enable_selinux = false
  disable_apparmor = true
  # this machine may not lower oom_score_adj (the kubelet asks -998 for sandboxes): clamp to containerd's own
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$N/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$N/cni/net.d"
    max_conf_num = 1
TOML
  # pods: an address on the bridge and routes to the cluster's ranges only (no default route)
  cat >"$N/cni/net.d/10-provision-lab.conflist" <<CNI
{"cniVersion": "0.4.0", "name": "provision-lab", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$N/cni/ipam", "ranges": [[{"subnet": "$NODE_POD_CIDR"}]],
            "routes": [{"dst": "$CLUSTER_POD_CIDR"}, {"dst": "$SERVICE_CIDR"}]}},
  {"type": "loopback"}]}
CNI
  cni_netns >"$N/netns.before"
  # the bridge, made here with the pods' gateway address: that address is the node's IP too (a node's IP may not be
  # loopback), local to this machine and routed nowhere else
  touch "$N/bridge"   # stop removes the bridge only when this node may have made it
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
  ip addr replace "$NODE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  spawn containerd containerd --config "$N/containerd.toml" --log-level warn
  wait_for "containerd" 30 bash -c "[[ -S '$N/containerd.sock' ]] && ctr --address '$N/containerd.sock' version >/dev/null 2>&1" \
    || { log "containerd did not start: $(tail -n 5 "$N/containerd.log" | tr '\n' ' ')"; return 1; }

  # 3. images, built and imported before the kubelet can ask for them
  build_images

  # 4. the kubelet: its own client certificate (system:node:NAME in system:nodes), cgroupfs, swap allowed
  client_cert kubelet "system:node:$NODE_NAME" system:nodes
  cert_kubeconfig "$N/kubelet.kubeconfig" "$server" kubelet "system:node:$NODE_NAME"
  # the API server runs RBAC only (no Node authorizer): the nodes group gets the system:node role
  kubectl_ create clusterrolebinding provision-lab-nodes --clusterrole=system:node --group=system:nodes \
    --dry-run=client -o yaml | kubectl_ apply -f - >/dev/null
  local kport hport
  kport=10250   # on the node's own address: free unless another node runs (the lab lock)
  hport=$(free_port 10248)
  cat >"$N/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: $kport
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $hport
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: $KDIR/pki/ca.crt}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
failSwapOn: false
makeIPTablesUtilChains: false
clusterDomain: cluster.local
clusterDNS: [$DNS_IP]
# the images cannot be pulled again: never collect them
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {"memory.available": "50Mi", "nodefs.available": "1%", "imagefs.available": "1%"}
serializeImagePulls: false
YAML
  spawn kubelet "$BIN/kubelet" --config="$N/kubelet.yaml" --kubeconfig="$N/kubelet.kubeconfig" \
    --root-dir="$N/kubelet" --cert-dir="$N/kubelet/pki" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
    --container-runtime=remote --container-runtime-endpoint="unix://$N/containerd.sock" \
    --runtime-request-timeout=2m --image-pull-progress-deadline=1m --pod-infra-container-image="$PAUSE_IMAGE" \
    --register-with-taints="$TAINT" --node-labels=provision.dev/node=real --v=1

  # 5. the scheduler: the admin kubeconfig, no serving ports
  spawn kube-scheduler "$BIN/kube-scheduler" --kubeconfig="$KDIR/kubeconfig" --leader-elect=false \
    --port=0 --secure-port=0 --profiling=false --v=1

  if ! wait_for "node $NODE_NAME" 120 node_ready_or_exited || ! node_ready; then
    for p in "${PROCS[@]}"; do pid_alive "$p" || log "$p exited: $(tail -n 5 "$N/$p.log" | tr '\n' ' ')"; done
    log "kubelet log: $(tail -n 8 "$N/kubelet.log" | tr '\n' ' ')"
    return 1
  fi
  cat >"$N/node.env" <<ENV
NODE_NAME=$NODE_NAME
NODE_POD_CIDR=$NODE_POD_CIDR
NODE_IP=$NODE_IP
TAINT=$TAINT
BUSYBOX_IMAGE=$BUSYBOX_IMAGE
PAUSE_IMAGE=$PAUSE_IMAGE
CONTAINERD_SOCKET=$N/containerd.sock
CONTAINERD_PID=$(cat "$N/containerd.pid")
KUBELET_PID=$(cat "$N/kubelet.pid")
SCHEDULER_PID=$(cat "$N/kube-scheduler.pid")
ENV
  log "node $NODE_NAME Ready in $((SECONDS - t0))s (containerd $N/containerd.sock, pods $NODE_POD_CIDR on $BRIDGE)"
}
node_ready_or_exited() { node_ready || ! pid_alive kubelet || ! pid_alive containerd; }

case "$CMD" in
  start) start ;;
  stop) if [[ -d $N ]]; then stop; fi ;;
  status) [[ -d $N ]] || { echo "no node state in $N"; exit 1; }; status ;;
  *) usage ;;
esac
