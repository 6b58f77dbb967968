#!/usr/bin/env bash
# A real Kubernetes control plane for tests and the lab, without kubelet or containers:
# etcd + kube-apiserver + kube-controller-manager on loopback ports, state and logs in DIR.
#
#   apiserver.sh start  DIR   start (harmless when already running), wait for /readyz, write DIR/kubeconfig
#   apiserver.sh status DIR   exit 0 when every process is alive and /readyz answers ok
#   apiserver.sh stop   DIR   stop the processes recorded in DIR/*.pid (only those)
#
# Binaries come from lab/kube/build.sh ($PROVISION_K8S_DIR). Ports: $KUBE_API_PORT, $KUBE_ETCD_PORT,
# $KUBE_ETCD_PEER_PORT, or free ones. The processes run in their own sessions and outlive the caller.
# DIR/cluster.env records API_PORT, SERVER, KUBECONFIG and the PIDs; DIR/admin.token holds the admin token.
set -euo pipefail

BIN=${PROVISION_K8S_DIR:-$HOME/.cache/provision/k8s/1.20.2-linux-amd64}
SERVICE_CIDR=${KUBE_SERVICE_CIDR:-10.96.0.0/12}
SERVICE_IP=${KUBE_SERVICE_IP:-10.96.0.1}
PROCS=(etcd kube-apiserver kube-controller-manager)

usage() { echo "usage: $0 start|stop|status DIR" >&2; exit 64; }
log() { printf '[kube-lab] %s\n' "$*" >&2; }
(($# == 2)) || usage
CMD=$1
DIR=$2

pid_alive() { [[ -s "$DIR/$1.pid" ]] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { # VAR [preferred]: the preferred port when free, else a random free one not picked before
  local var=$1 p=${2:-}
  for _ in $(seq 1 200); do
    if [[ -n $p ]] && port_free "$p" && [[ " $PICKED " != *" $p "* ]]; then
      PICKED="$PICKED $p"; printf -v "$var" '%s' "$p"; return 0
    fi
    p=$((PORT_LOW + RANDOM % (PORT_HIGH - PORT_LOW)))
  done
  log "no free loopback port found"; return 1
}
PICKED=""
# Ports come from below the kernel's ephemeral range: a port in that range, free when picked, can be
# taken by any outgoing connection (the apiserver's own to etcd) before the server binds it.
read -r EPHEMERAL_LOW _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || EPHEMERAL_LOW=32768
PORT_LOW=10000
PORT_HIGH=$((EPHEMERAL_LOW > PORT_LOW + 1000 ? EPHEMERAL_LOW : 32768))
kubectl_() { "$BIN/kubectl" --kubeconfig "$DIR/kubeconfig" --request-timeout=5s "$@"; }
ready() { [[ -s "$DIR/kubeconfig" ]] && [[ $(kubectl_ get --raw /readyz 2>/dev/null) == ok ]]; }
# stops the wait early when the apiserver has exited (a failed bind makes it exit at once)
ready_or_bind_failed() { ready || ! pid_alive kube-apiserver; }

status() {
  local p rc=0
  for p in "${PROCS[@]}"; do
    if pid_alive "$p"; then echo "$p: running (pid $(cat "$DIR/$p.pid"))"; else echo "$p: stopped"; rc=1; fi
  done
  if ((rc == 0)) && ready; then
    echo "kube-apiserver: ready at $(grep '^SERVER=' "$DIR/cluster.env" | cut -d= -f2-)"
  else
    echo "kube-apiserver: not ready"; rc=1
  fi
  return $rc
}

stop() {
  local p pid
  for p in kube-controller-manager kube-apiserver etcd; do
    if pid_alive "$p"; then
      pid=$(cat "$DIR/$p.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "$p: stopped (pid $pid)"
    fi
    rm -f "$DIR/$p.pid"
  done
}

# the API server's client certificate for kubelets (logs, exec of a real node's pods: lab/kube/node.sh)
kubelet_client_cert() { # in DIR/pki
  [[ -s apiserver-kubelet-client.crt ]] && return 0
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >kubelet-client.ext
  openssl req -newkey rsa:2048 -nodes -keyout apiserver-kubelet-client.key -out apiserver-kubelet-client.csr \
    -subj "/CN=kube-apiserver-kubelet-client/O=system:masters" 2>/dev/null
  openssl x509 -req -in apiserver-kubelet-client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile kubelet-client.ext -out apiserver-kubelet-client.crt 2>/dev/null
  rm -f apiserver-kubelet-client.csr kubelet-client.ext
  chmod 600 apiserver-kubelet-client.key
}

gen_pki() { # CA, serving cert, front-proxy client cert (API aggregation), service-account key pair
  local pki="$DIR/pki"
  [[ -s "$pki/sa.pub" ]] && { (cd "$pki" && kubelet_client_cert); return 0; }   # a lab from before the node
  mkdir -p "$pki" && chmod 700 "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=provision-lab-ca" 2>/dev/null
    cat >serving.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:$SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EXT
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile serving.ext -out apiserver.crt 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >client.ext
    openssl req -newkey rsa:2048 -nodes -keyout front-proxy-client.key -out front-proxy-client.csr \
      -subj "/CN=front-proxy-client" 2>/dev/null
    openssl x509 -req -in front-proxy-client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile client.ext -out front-proxy-client.crt 2>/dev/null
    kubelet_client_cert
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    rm -f ./*.csr ./*.ext
    chmod 600 ./*.key
  )
}

write_kubeconfig() { # $1 file, $2 server, $3 token
  umask 077
  cat >"$1" <<KC
apiVersion: v1
kind: Config
clusters:
- name: provision-lab
  cluster:
    server: $2
    certificate-authority-data: $(base64 -w0 <"$DIR/pki/ca.crt")
users:
- name: admin
  user:
    token: $3
contexts:
- name: provision-lab
  context:
    cluster: provision-lab
    user: admin
current-context: provision-lab
KC
}

spawn() { # name, command...: own session, output to DIR/name.log, pid to DIR/name.pid
  local name=$1; shift
  setsid "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

wait_for() { # description, seconds, test command...
  local what=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS >= deadline)); then log "$what not ready after ${secs}s"; return 1; fi
    sleep 0.2
  done
}

start() {
  for b in etcd kube-apiserver kube-controller-manager kubectl; do
    [[ -x "$BIN/$b" ]] || { log "missing $BIN/$b: run lab/kube/build.sh first"; exit 2; }
  done
  command -v openssl >/dev/null || { log "openssl is required (apt-get install openssl)"; exit 2; }
  mkdir -p "$DIR" && chmod 700 "$DIR"
  DIR=$(cd "$DIR" && pwd)
  if status >/dev/null 2>&1; then log "already running"; status; return 0; fi
  stop >/dev/null 2>&1 || true   # a half-started stack from an earlier attempt

  local t0=$SECONDS etcd_port peer_port api_port token
  # a restart keeps the earlier ports when they are still free, so kubeconfigs handed out stay valid
  local prev_api="" prev_etcd="" prev_peer=""
  if [[ -s "$DIR/cluster.env" ]]; then
    prev_api=$(sed -n 's/^API_PORT=//p' "$DIR/cluster.env")
    prev_etcd=$(sed -n 's/^ETCD_PORT=//p' "$DIR/cluster.env")
    prev_peer=$(sed -n 's/^ETCD_PEER_PORT=//p' "$DIR/cluster.env")
  fi
  pick_port etcd_port "${KUBE_ETCD_PORT:-$prev_etcd}"
  pick_port peer_port "${KUBE_ETCD_PEER_PORT:-$prev_peer}"
  pick_port api_port "${KUBE_API_PORT:-$prev_api}"
  gen_pki
  if [[ ! -s "$DIR/admin.token" ]]; then (umask 077; openssl rand -hex 32 >"$DIR/admin.token"); fi
  token=$(cat "$DIR/admin.token")
  (umask 077; echo "$token,admin,admin,system:masters" >"$DIR/tokens.csv")
  local server="https://127.0.0.1:$api_port"
  write_kubeconfig "$DIR/kubeconfig" "$server" "$token"

  # a port picked as free can be taken before etcd binds it: try again on other ports
  local attempt
  for attempt in 1 2 3; do
    spawn etcd "$BIN/etcd" --name=lab --data-dir="$DIR/etcd-data" \
      --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
      --listen-peer-urls="http://127.0.0.1:$peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
      --initial-cluster="lab=http://127.0.0.1:$peer_port" --log-level=warn --logger=zap
    if wait_for "etcd" 30 bash -c "(exec 3<>/dev/tcp/127.0.0.1/$etcd_port) 2>/dev/null"; then
      break
    fi
    log "etcd did not start on ports $etcd_port/$peer_port (attempt $attempt): $(tail -n 3 "$DIR/etcd.log" | tr '\n' ' ')"
    kill -9 "$(cat "$DIR/etcd.pid")" 2>/dev/null || true
    ((attempt < 3)) || return 1
    pick_port etcd_port
    pick_port peer_port
  done

  local pki="$DIR/pki"
  # as for etcd: a port can be taken between the pick and the bind; then try another one
  for attempt in 1 2 3; do
    spawn kube-apiserver "$BIN/kube-apiserver" \
      --etcd-servers="http://127.0.0.1:$etcd_port" \
      --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" --insecure-port=0 \
      --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
      --client-ca-file="$pki/ca.crt" --token-auth-file="$DIR/tokens.csv" \
      --service-account-issuer=https://kubernetes.default.svc.cluster.local \
      --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
      --service-cluster-ip-range="$SERVICE_CIDR" --authorization-mode=RBAC --allow-privileged=true \
      --requestheader-client-ca-file="$pki/ca.crt" --requestheader-allowed-names=front-proxy-client \
      --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
      --requestheader-extra-headers-prefix=X-Remote-Extra- \
      --proxy-client-cert-file="$pki/front-proxy-client.crt" --proxy-client-key-file="$pki/front-proxy-client.key" \
      --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
      --kubelet-client-key="$pki/apiserver-kubelet-client.key" --kubelet-preferred-address-types=InternalIP \
      --endpoint-reconciler-type=none --profiling=false --v=1
    if wait_for "kube-apiserver /readyz" 90 ready_or_bind_failed && ready; then break; fi
    if ((attempt < 3)) && grep -q 'address already in use' "$DIR/kube-apiserver.log"; then
      log "kube-apiserver could not bind port $api_port (attempt $attempt); trying another port"
      kill -9 "$(cat "$DIR/kube-apiserver.pid")" 2>/dev/null || true
      pick_port api_port
      server="https://127.0.0.1:$api_port"
      write_kubeconfig "$DIR/kubeconfig" "$server" "$token"
      continue
    fi
    tail -20 "$DIR/kube-apiserver.log" >&2; exit 1
  done

  write_kubeconfig "$DIR/controller-manager.kubeconfig" "$server" "$token"
  spawn kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$DIR/controller-manager.kubeconfig" --leader-elect=false --port=0 --secure-port=0 \
    --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
    --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" --profiling=false --v=1
  sleep 0.5
  pid_alive kube-controller-manager || { tail -20 "$DIR/kube-controller-manager.log" >&2; exit 1; }

  cat >"$DIR/cluster.env" <<ENV
SERVER=$server
API_PORT=$api_port
ETCD_PORT=$etcd_port
ETCD_PEER_PORT=$peer_port
KUBECONFIG=$DIR/kubeconfig
ETCD_PID=$(cat "$DIR/etcd.pid")
APISERVER_PID=$(cat "$DIR/kube-apiserver.pid")
CONTROLLER_MANAGER_PID=$(cat "$DIR/kube-controller-manager.pid")
ENV
  log "ready at $server in $((SECONDS - t0))s (kubeconfig $DIR/kubeconfig)"
}

case "$CMD" in
  start) start ;;
  stop) if [[ -d $DIR ]]; then stop; fi ;;
  status) [[ -d $DIR ]] || { echo "no lab state in $DIR"; exit 1; }; status ;;
  *) usage ;;
esac
