#!/usr/bin/env bash
# The main job (README): KubeVirt installed by playbooks/kubevirt.yaml on the self-contained lab.
# Installs the prerequisites, starts the lab if needed (starting twice is harmless), then applies
# the playbook. Extra arguments go to provision (e.g. --plan, --diff, --output json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash lab/prereqs.sh
./provision lab up
exec ./provision playbooks/kubevirt.yaml -i inventory/lab "$@"
