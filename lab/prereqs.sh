#!/usr/bin/env bash
# Installs everything Provision's lab (provision lab up), tests and benchmark need on a fresh
# Debian 12, as root: the apt packages below, the locales virt-host-validate is tested in, and the
# Kubernetes 1.20.2 binaries (lab/kube/build.sh, cached in ~/.cache/provision/k8s).
# Idempotent and quiet: when everything is present it prints nothing and changes nothing
# (root is only needed when something is missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(
  openssh-server openssh-client sudo          # lab hosts: one sshd per loopback address; become tests
  dnf rpm createrepo-c                        # real dnf/rpm against the lab's local repository (rpmbuild, createrepo_c)
  libvirt-clients libvirt-l10n locales        # real virt-host-validate, in several languages
  ansible python3                             # the inventory oracle and the benchmark's peer; the lab's HTTP mirror
  golang-go rsync dpkg-dev make openssl curl  # building and running kube-apiserver for tests; get_url host downloads
  debian-archive-keyring ca-certificates      # lab/kube/build.sh's private apt sources
  time procps iproute2 util-linux             # /usr/bin/time for the benchmark, pgrep, mount, setsid
)
locales=(ja_JP es_ES de_DE fr_FR zh_CN ko_KR ru_RU)

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "lab/prereqs.sh: $1 is missing; run as root (sudo lab/prereqs.sh)" >&2
    exit 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  need_root "${missing[*]}"
  echo "lab/prereqs.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# virt-host-validate is tested in the languages its translations cover (locale -a says ja_JP.utf8).
for l in "${locales[@]}"; do
  if ! locale -a 2>/dev/null | grep -qi "^${l}\.utf-\?8$"; then
    need_root "locale $l.UTF-8"
    echo "lab/prereqs.sh: generating locale $l.UTF-8"
    localedef -i "$l" -f UTF-8 "$l.UTF-8"
  fi
done
# sshd's privilege separation directory (no systemd here)
[ -d /run/sshd ] || { need_root /run/sshd; mkdir -p /run/sshd; }

# quiet when the binaries are already built; the build's own progress lines otherwise
bash "$here/kube/build.sh" 2> >(grep -v 'already built' >&2)
