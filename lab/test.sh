#!/usr/bin/env bash
# The test command (README, CI): installs the prerequisites, then builds and runs every test:
# unit and fixture tests, real sshd hosts, real dnf/rpm, real virt-host-validate, ansible as the
# inventory oracle, and a real kube-apiserver. Tests that cannot run here say why and are
# reported as skipped, never as passed: the list and the reasons are printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash lab/prereqs.sh
status=0
mvn -B -ntp verify "$@" || status=$?
skipped=$(awk '
  /<testcase / { match($0, /name="[^"]*"/); n = substr($0, RSTART + 6, RLENGTH - 7);
                 match($0, /classname="[^"]*"/); c = substr($0, RSTART + 11, RLENGTH - 12) }
  /<skipped/   { m = ""; if (match($0, /message="[^"]*"/)) m = substr($0, RSTART + 9, RLENGTH - 10);
                 print c "." n ": " m }' */target/surefire-reports/TEST-*.xml 2>/dev/null || true)
if [ -n "$skipped" ]; then
  echo
  echo "SKIPPED (not passed), and why:"
  echo "$skipped" | sed 's/^/  /'
fi
exit "$status"
