#!/usr/bin/env bash
# Builds the Kubernetes test binaries (no Docker here, no upstream downloads reachable):
#   kube-apiserver, kube-controller-manager, v1.20.2, compiled from Debian 12's `kubernetes` source package
#   kubelet, kube-scheduler                  (one `make`: the packages they share compile once)
#   pause                                    the pod sandbox's process, the source's build/pause/linux/pause.c (gcc -static)
#   etcd 3.4.x                               from Debian's etcd-server .deb (extracted, not installed)
#   kubectl 1.20.2                           from Debian's kubernetes-client .deb (extracted, not installed)
# into $PROVISION_K8S_DIR (default ~/.cache/provision/k8s/1.20.2-linux-amd64). Skips when already built;
# builds only what is missing (a cache from before the node was added gets kubelet and kube-scheduler).
# The work tree (sources, go cache) is removed afterwards unless PROVISION_K8S_KEEP_WORK=1.
# Needs root only to apt-get install the build tools when they are missing. See shared notes kube-apiserver.md.
set -euo pipefail

K8S_VERSION=v1.20.2
DEST=${PROVISION_K8S_DIR:-$HOME/.cache/provision/k8s/1.20.2-linux-amd64}
WORK=${PROVISION_K8S_WORK:-$(dirname "$DEST")/work}
MIRROR=${PROVISION_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${PROVISION_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
COMPILED=(kube-apiserver kube-controller-manager kubelet kube-scheduler) # from the Go source, by make
BINARIES=("${COMPILED[@]}" pause etcd kubectl)

log() { printf '[k8s-build] %s\n' "$*" >&2; }

already_built() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$DEST/$b" ]] || return 1; done
  "$DEST/kube-apiserver" --version 2>/dev/null | grep -q "Kubernetes $K8S_VERSION" &&
    "$DEST/kubelet" --version 2>/dev/null | grep -q "Kubernetes $K8S_VERSION"
}
# the Go binaries still to compile (a binary of another version counts as missing)
missing_compiled() {
  local b
  for b in "${COMPILED[@]}"; do
    if [[ ! -x "$DEST/$b" ]] || ! "$DEST/$b" --version 2>/dev/null | grep -q "Kubernetes $K8S_VERSION"; then
      printf '%s\n' "$b"
    fi
  done
}

if [[ ${1:-} == --check ]]; then # exit status only: 0 when the binaries are built
  already_built
  exit
fi
if [[ ${1:-} == --missing ]]; then # the binaries still to build, one a line
  for b in "${BINARIES[@]}"; do [[ -x "$DEST/$b" ]] || echo "$b"; done | sort -u
  exit 0
fi
if already_built; then
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/../progress.sh"
start=$(date +%s)

# --- build tools --------------------------------------------------------------------------------
need=()
command -v go >/dev/null || need+=(golang-go)
command -v rsync >/dev/null || need+=(rsync)
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
command -v make >/dev/null || need+=(make)
command -v openssl >/dev/null || need+=(openssl)
[[ -r $KEYRING ]] || need+=(debian-archive-keyring)
if ((${#need[@]})); then
  log "installing build tools: ${need[*]}"
  [[ $(id -u) -eq 0 ]] || { log "missing ${need[*]}; run as root or install them"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" ca-certificates >/dev/null
fi

# --- private apt configuration: the system's sources and lists stay untouched --------------------
APT="$WORK/apt"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/sources.d" "$APT/debs"
cat >"$APT/sources.list" <<SRC
deb [signed-by=$KEYRING] $MIRROR bookworm main
deb-src [signed-by=$KEYRING] $MIRROR bookworm main
deb [signed-by=$KEYRING] $SECURITY_MIRROR bookworm-security main
deb-src [signed-by=$KEYRING] $SECURITY_MIRROR bookworm-security main
SRC
apt_private() {
  apt-get -q \
    -o Dir::Etc::sourcelist="$APT/sources.list" \
    -o Dir::Etc::sourceparts="$APT/sources.d" \
    -o Dir::State::Lists="$APT/lists" \
    -o Dir::Cache="$APT/cache" \
    -o APT::Sandbox::User=root \
    "$@"
}
if [[ ! -e "$APT/updated" ]]; then
  log "apt-get update (private lists in $APT)"
  with_progress "[k8s-build] apt-get update" apt_private update >/dev/null
  touch "$APT/updated"
fi

# --- Debian binary packages, extracted only --------------------------------------------------------
extract_deb() { # package -> directory with its files
  local pkg=$1 dir="$APT/debs/$1"
  if [[ ! -e "$dir/.done" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$APT/debs" && rm -f "${pkg}"_*.deb && apt_private download "$pkg" >/dev/null)
    dpkg-deb -x "$APT/debs/${pkg}"_*.deb "$dir"
    touch "$dir/.done"
  fi
  printf '%s\n' "$dir"
}
ETCD_DIR=$(extract_deb etcd-server)
KUBECTL_DIR=$(extract_deb kubernetes-client)
REFLECT2_DIR=$(extract_deb golang-github-modern-go-reflect2-dev)

# --- kubernetes source ----------------------------------------------------------------------------
SRCROOT="$WORK/src"
if [[ ! -e "$SRCROOT/.done" ]]; then
  log "apt-get source kubernetes"
  rm -rf "$SRCROOT" && mkdir -p "$SRCROOT"
  (cd "$SRCROOT" && with_progress "[k8s-build] apt-get source kubernetes (about 40 MB)" apt_private source kubernetes >/dev/null)
  touch "$SRCROOT/.done"
fi
TREE=$(find "$SRCROOT" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -1)
[[ -d $TREE/vendor ]] || { log "no vendor/ in $TREE"; exit 1; }

# Go >= 1.18 crashes the 1.20 apiserver on the first custom-resource write (vendored reflect2 1.0.1):
# use Debian's reflect2 1.0.2 sources instead.
R2_SRC=$(find "$REFLECT2_DIR/usr/share/gocode/src" -type d -path '*github.com/modern-go/reflect2' | head -1)
R2_DST="$TREE/vendor/github.com/modern-go/reflect2"
if [[ ! -e "$R2_DST/.patched-1.0.2" ]]; then
  log "patching vendored reflect2 with 1.0.2 from $R2_SRC"
  rm -f "$R2_DST"/*.go "$R2_DST"/*.s
  find "$R2_SRC" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' -exec cp {} "$R2_DST"/ \;
  touch "$R2_DST/.patched-1.0.2"
fi

# --- compile (GOPATH mode, offline) ---------------------------------------------------------------
GOPATH_DIR="$WORK/gopath"
mkdir -p "$GOPATH_DIR/src/k8s.io"
ln -sfn "$TREE" "$GOPATH_DIR/src/k8s.io/kubernetes"
mapfile -t TO_COMPILE < <(missing_compiled)
OUT="$TREE/_output/local/bin/linux/amd64"
if ((${#TO_COMPILE[@]})); then
  if ((${#TO_COMPILE[@]} == ${#COMPILED[@]})); then
    estimate="about 10 minutes on 2 idle cores: code generation, then about 2,300 Go packages"
  else # an older cache: only the node's binaries, most of their packages are new to this tree
    estimate="about 5 minutes on 2 idle cores"
  fi
  log "compiling ${TO_COMPILE[*]} with $(go version | cut -d' ' -f3) ($estimate)"
  # go -v names each package as it is built: the progress line counts them
  progress_detail() { printf '%s Go packages built' "$(grep -c . "$WORK/make.log" 2>/dev/null || echo 0)"; }
  compile() (
    cd "$GOPATH_DIR/src/k8s.io/kubernetes"
    export GOPATH="$GOPATH_DIR" GO111MODULE=off GOFLAGS=-v CGO_ENABLED=0 GOPROXY=off GOCACHE="$WORK/gocache"
    # one make for all of them: the packages they share (client-go, apimachinery, ...) compile once
    make WHAT="${TO_COMPILE[*]/#/cmd/}" \
      KUBE_GIT_VERSION=$K8S_VERSION KUBE_GIT_TREE_STATE=clean KUBE_VERBOSE=0 >"$WORK/make.log" 2>&1 \
      || { tail -40 "$WORK/make.log" >&2; exit 1; }
  )
  with_progress "[k8s-build] compiling" compile
  unset -f progress_detail
fi

# the pod sandbox's process (the lab's pause image), as the source's build/pause/Makefile builds it
if [[ ! -x "$DEST/pause" ]]; then
  command -v gcc >/dev/null || { log "gcc is required for pause (apt-get install gcc libc6-dev)"; exit 1; }
  mkdir -p "$OUT"
  gcc -Os -Wall -Werror -static -DVERSION=v3.4-provision -o "$OUT/pause" "$TREE/build/pause/linux/pause.c"
fi

# --- install into the cache directory atomically ------------------------------------------------
mkdir -p "$DEST"
install_bin() { install -m 0755 "$1" "$DEST/.$2.tmp" && mv -f "$DEST/.$2.tmp" "$DEST/$2"; }
[[ -x "$DEST/etcd" ]] || install_bin "$ETCD_DIR/usr/bin/etcd" etcd
[[ -x "$DEST/kubectl" ]] || install_bin "$KUBECTL_DIR/usr/bin/kubectl" kubectl
[[ -x "$DEST/pause" ]] || install_bin "$OUT/pause" pause
for b in "${TO_COMPILE[@]}"; do
  [[ $b == kube-apiserver ]] || install_bin "$OUT/$b" "$b"
done
# last: the apiserver's presence marks the control plane's build complete
[[ " ${TO_COMPILE[*]} " != *" kube-apiserver "* ]] || install_bin "$OUT/kube-apiserver" kube-apiserver

already_built || { log "built binaries do not report $K8S_VERSION"; exit 1; }
# the source tree, objects and go cache take about 2.3 GB; keep them only when asked
[[ ${PROVISION_K8S_KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
log "built in $(($(date +%s) - start)) s: $DEST"
