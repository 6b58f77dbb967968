#!/bin/sh
# Regenerates each case's expected.json from the oracle, ansible-inventory (ansible-core 2.14).
# Run it after adding or changing a case, then review the diff: the goldens are the contract.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && ANSIBLE_LOCAL_TEMP="$work" ansible-inventory -i "$here/../../../../../inventory/home" --list) > "$here/home.expected.json"
for case in "$here"/*/; do
  source=$(sed -n 's/^source=//p' "$case/case.properties")
  (cd "$work" && ANSIBLE_LOCAL_TEMP="$work" ansible-inventory -i "$case$source" --list) > "$case/expected.json"
  echo "$(basename "$case"): $(wc -l < "$case/expected.json") lines"
done
