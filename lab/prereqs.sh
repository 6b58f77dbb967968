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
  python3-kubernetes                          # ansible's kubernetes.core runs the kubernetes.core playbook on the lab (comparison test)
  golang-go rsync dpkg-dev make openssl curl  # building and running kube-apiserver for tests; get_url host downloads
  debian-archive-keyring ca-certificates      # lab/kube/build.sh's private apt sources
  time procps iproute2 util-linux             # /usr/bin/time for the benchmark, pgrep, mount, setsid
  graphviz zsh                                # provision graph --format svg|png; completion tested in a real zsh
  python3-kubernetes ansible-mitogen          # the benchmark's peers: Ansible's kubernetes.core.k8s, Ansible + Mitogen
  chromium                                    # the run report (--report) rendered in a real headless browser
  containerd runc containernetworking-plugins # the lab's real node (lab/kube/node.sh): CRI runtime, bridge CNI
  iptables busybox-static gcc libc6-dev       # (kube-proxy later), the busybox test image, the pause binary
)
locales=(ja_JP es_ES de_DE fr_FR zh_CN ko_KR ru_RU)

source "$here/progress.sh"

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "lab/prereqs.sh: $1 is missing; run as root (sudo lab/prereqs.sh)" >&2
    exit 1
  fi
}

# --- what is missing, and how long getting it takes (said before anything starts) ---------------
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
missing_locales=()
for l in "${locales[@]}"; do
  # virt-host-validate is tested in the languages its translations cover (locale -a says ja_JP.utf8)
  locale -a 2>/dev/null | grep -qi "^${l}\.utf-\?8$" || missing_locales+=("$l")
done
kube_missing=0
bash "$here/kube/build.sh" --check || kube_missing=1

# Times measured on a fresh 2-core Debian 12 machine (see README, "Quick start").
if ((${#missing[@]} || ${#missing_locales[@]} || kube_missing)); then
  minutes=0
  {
    echo "lab/prereqs.sh: first-time set-up of this machine (done once; later runs skip it):"
    if ((${#missing[@]})); then
      echo "  - ${#missing[@]} Debian packages (${missing[*]}): about 2 minutes"
      minutes=$((minutes + 2))
    fi
    if ((${#missing_locales[@]})); then
      echo "  - locales ${missing_locales[*]} (virt-host-validate is tested in each language): under a minute"
    fi
    if ((kube_missing)); then
      kube_todo=$(bash "$here/kube/build.sh" --missing | tr '\n' ' ')
      if [[ $kube_todo == *kube-apiserver* ]]; then
        echo "  - kube-apiserver, kube-controller-manager, kubelet and kube-scheduler 1.20.2, compiled from"
        echo "    Debian's source package, because no Kubernetes binary can be downloaded here: about 10 minutes"
        echo "    on 2 cores, cached in ${PROVISION_K8S_DIR:-~/.cache/provision/k8s}"
        minutes=$((minutes + 10))
      else # a cache from before the lab's real node
        echo "  - the real node's ${kube_todo% }, compiled from Debian's kubernetes source package: about"
        echo "    6 minutes on 2 cores, added to ${PROVISION_K8S_DIR:-~/.cache/provision/k8s}"
        minutes=$((minutes + 6))
      fi
    fi
    echo "  about $((minutes + 1)) minutes in all; a progress line at least every ${PROVISION_PROGRESS_INTERVAL:-30} s"
  } >&2
fi

if ((${#missing[@]})); then
  need_root "${missing[*]}"
  echo "lab/prereqs.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  t=$SECONDS
  with_progress "lab/prereqs.sh: apt-get update" apt-get update -qq
  with_progress "lab/prereqs.sh: apt-get install" \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "lab/prereqs.sh: packages installed in $(format_seconds $((SECONDS - t)))" >&2
fi

for l in "${missing_locales[@]}"; do
  need_root "locale $l.UTF-8"
  echo "lab/prereqs.sh: generating locale $l.UTF-8" >&2
  localedef -i "$l" -f UTF-8 "$l.UTF-8"
done
# sshd's privilege separation directory (no systemd here)
[ -d /run/sshd ] || { need_root /run/sshd; mkdir -p /run/sshd; }

if ((kube_missing)); then
  bash "$here/kube/build.sh"
fi
