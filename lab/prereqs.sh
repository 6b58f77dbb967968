#!/usr/bin/env bash
<<<<<<< HEAD
# Installs everything the lab (provision lab up) and the tests need on a fresh Debian 12, as root:
# the apt packages below, the locales the host_validate tests parse, and the Kubernetes 1.20.2
# binaries (lab/kube/build.sh, cached in ~/.cache/provision/k8s). Idempotent: when everything is
# present it prints one line and changes nothing.
#
# Usage: lab/prereqs.sh        (PROVISION_PREREQS_VERBOSE=1 shows what it checks)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
log() { printf '[prereqs] %s\n' "$*" >&2; }

PACKAGES=(
  openssh-server openssh-client sudo   # lab hosts: sshd per loopback address; become tests
  dnf rpm createrepo-c                 # real dnf/rpm on the lab hosts, rpmbuild + createrepo_c for the lab repository
  libvirt-clients libvirt-l10n         # virt-host-validate and its translations
  locales                              # localedef for the locales below
  ansible                              # Ansible as the test oracle (inventory, benchmarks)
  golang-go rsync dpkg-dev make        # lab/kube/build.sh: kube-apiserver from Debian's source package
  debian-archive-keyring ca-certificates
  python3                              # the lab's release mirror (python3 -m http.server)
  openssl curl util-linux              # API server certificates, get_url host downloads, setsid
)
LOCALES=(ja_JP es_ES de_DE fr_FR zh_CN ko_KR ru_RU)

missing=()
for p in "${PACKAGES[@]}"; do
  if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || { log "missing packages: ${missing[*]}; run as root: sudo $0"; exit 1; }
  log "installing: ${missing[*]}"
=======
# Installs what Provision's lab, tests and benchmark need on Debian 12 (as root), then builds the
# Kubernetes 1.20.2 test binaries (cached in ~/.cache/provision/k8s). Idempotent and quick when
# everything is already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(
  openssh-server openssh-client sudo          # lab hosts: one sshd per loopback address
  dnf rpm createrepo-c                        # real dnf/rpm against the lab's local repository
  libvirt-clients libvirt-l10n locales        # real virt-host-validate, in several languages
  ansible python3                             # the inventory oracle and the benchmark's peer
  golang-go rsync dpkg-dev make openssl curl  # building and running kube-apiserver for tests
  time procps iproute2 util-linux             # /usr/bin/time for the benchmark, pgrep, mount
)

if [ "$(id -u)" != 0 ]; then
  echo "lab/prereqs.sh: run as root (it installs Debian packages)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  case "$p" in \#*) continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "lab/prereqs.sh: installing ${missing[*]}"
>>>>>>> kubewait
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

<<<<<<< HEAD
# locale -a lists ja_JP.utf8 for ja_JP.UTF-8
have_locales=$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]')
for l in "${LOCALES[@]}"; do
  lower=$(printf '%s' "$l" | tr '[:upper:]' '[:lower:]')
  if ! grep -qx "$lower.utf8" <<<"$have_locales"; then
    [[ $(id -u) -eq 0 ]] || { log "locale $l.UTF-8 is missing; run as root: sudo $0"; exit 1; }
    log "generating locale $l.UTF-8"
    localedef -i "$l" -f UTF-8 "$l.UTF-8"
  fi
done

# sshd's privilege separation directory (no systemd on CI containers)
[[ -d /run/sshd ]] || { [[ $(id -u) -ne 0 ]] || mkdir -p /run/sshd; }

"$here/kube/build.sh" 2>&1 | { grep -v 'already built' >&2 || true; }
if ((${#missing[@]} == 0)); then
  log "all present: ${#PACKAGES[@]} packages, ${#LOCALES[@]} locales, Kubernetes 1.20.2 binaries"
fi
=======
# virt-host-validate is tested in the languages its translations cover.
for l in ja_JP es_ES de_DE fr_FR zh_CN ko_KR ru_RU; do
  locale -a 2>/dev/null | grep -qi "^${l}.utf-\?8$" || localedef -i "$l" -f UTF-8 "$l.UTF-8" 2>/dev/null || true
done
mkdir -p /run/sshd

bash "$here/kube/build.sh"
>>>>>>> kubewait
