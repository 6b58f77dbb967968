#!/bin/sh
# Makes one lab host's package tools: HOSTROOT/bin/dnf and HOSTROOT/bin/rpm. They only add the
# options that point the real /usr/bin/dnf and /usr/bin/rpm at the host's install root
# (HOSTROOT/sysroot) and at the lab repository (metadata never cached as fresh, so a rebuilt
# repository is seen at once), then exec them. With HOSTROOT/bin first on PATH
# (the lab's sshd sets PATH per host), the package module's own commands (`dnf -y install ...`,
# `rpm -q ...`) run unchanged. Idempotent: rewriting the same wrappers changes nothing.
#
# Usage: lab/rpm/host-wrappers.sh HOSTROOT REPO
set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 HOSTROOT REPO" >&2
  exit 2
fi
for tool in /usr/bin/dnf /usr/bin/rpm; do
  if [ ! -x "$tool" ]; then
    echo "$0: $tool is missing; install it with: apt-get install -y dnf rpm" >&2
    exit 1
  fi
done
mkdir -p "$1/bin" "$1/sysroot"
root=$(cd "$1" && pwd)
repo=$(cd "$2" && pwd)
case "$root$repo" in
  *"'"*) echo "$0: paths with a single quote are not supported: $root $repo" >&2; exit 1 ;;
esac
if [ ! -f "$repo/repodata/repomd.xml" ]; then
  echo "$0: $repo is not a repository (no repodata/repomd.xml); run lab/rpm/build-repo.sh $repo" >&2
  exit 1
fi

# Writes $1 only when its content differs, so a second run leaves mtimes alone.
write() {
  tmp="$1.tmp.$$"
  cat >"$tmp"
  chmod 755 "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv "$tmp" "$1"; fi
}

# Debian's rpm keeps its database in %_dbpath = ~/.rpmdb (under the install root), so the caller's
# HOME would decide where it is: both wrappers pin HOME=/root, the host's root user's home in its root.
write "$root/bin/dnf" <<WRAPPER
#!/bin/sh
# Lab host wrapper (made by lab/rpm/host-wrappers.sh): real dnf, this host's root, the lab repo.
# --refresh: metadata_expire=0 alone still trusts a cache made within the same second.
HOME=/root exec /usr/bin/dnf --installroot='$root/sysroot' --releasever=1 \\
  --setopt=reposdir=/dev/null --repofrompath='lab,file://$repo' --setopt=lab.gpgcheck=0 --setopt=lab.metadata_expire=0 --refresh "\$@"
WRAPPER

write "$root/bin/rpm" <<WRAPPER
#!/bin/sh
# Lab host wrapper (made by lab/rpm/host-wrappers.sh): real rpm, this host's root.
HOME=/root exec /usr/bin/rpm --root='$root/sysroot' "\$@"
WRAPPER
