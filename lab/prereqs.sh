#!/usr/bin/env bash
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
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# virt-host-validate is tested in the languages its translations cover.
for l in ja_JP es_ES de_DE fr_FR zh_CN ko_KR ru_RU; do
  locale -a 2>/dev/null | grep -qi "^${l}.utf-\?8$" || localedef -i "$l" -f UTF-8 "$l.UTF-8" 2>/dev/null || true
done
mkdir -p /run/sshd

bash "$here/kube/build.sh"
