#!/usr/bin/env bash
# The test command (README, CI): installs the prerequisites, then builds and runs every test:
# unit and fixture tests, real sshd hosts, real dnf/rpm, real virt-host-validate, ansible as the
# inventory oracle, and a real kube-apiserver. Tests that cannot run here say why and are
# reported as skipped, never as passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash lab/prereqs.sh
exec mvn -B -ntp verify "$@"
