#!/bin/sh
# Builds the lab's stand-in RPMs (every *.spec in SPECDIR, by default the folder of this script)
# with rpmbuild and indexes them with createrepo_c, into OUTDIR. Idempotent: when OUTDIR was built
# from the same spec files it says so and does nothing.
#
# Usage: lab/rpm/build-repo.sh OUTDIR [SPECDIR]
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUTDIR [SPECDIR]" >&2
  exit 2
fi
here=$(cd "${2:-$(dirname "$0")}" && pwd)
out=$1

for tool in rpmbuild createrepo_c sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$0: $tool is missing; install it with: apt-get install -y rpm createrepo-c" >&2
    exit 1
  fi
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
stamp="$out/.built-from"
wanted=$(cd "$here" && sha256sum ./*.spec)
if [ -f "$out/repodata/repomd.xml" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  echo "lab rpm repository $out is up to date"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/noarch" "$out/repodata" "$stamp"
for spec in "$here"/*.spec; do
  # _topdir keeps rpmbuild's scratch files out of ~/rpmbuild; _rpmdir puts the result in OUTDIR.
  rpmbuild -bb --quiet \
    --define "_topdir $work" \
    --define "_rpmdir $out" \
    --define "_build_id_links none" \
    "$spec" >"$work/rpmbuild.log" 2>&1 || { cat "$work/rpmbuild.log" >&2; exit 1; }
done
# a revision finer than the default (seconds) so a rebuild within the same second is still seen as new
repo_revision=$(date +%s%N)
createrepo_c --quiet --revision "$repo_revision" "$out"
printf '%s\n' "$wanted" >"$stamp"
echo "lab rpm repository built in $out:"
(cd "$out" && ls noarch)
