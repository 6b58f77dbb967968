# Sourced by the lab's scripts (and ./provision): progress for long steps, so that a first-time
# set-up never sits silent. `with_progress LABEL COMMAND...` runs COMMAND and, while it runs, prints
# "LABEL: still running, 1m30s" to stderr every $PROVISION_PROGRESS_INTERVAL seconds (default 30),
# followed by what `progress_detail` prints, when the caller defines that function (for example
# "812 of about 1,540 Go packages compiled"). The exit status is COMMAND's.

format_seconds() { # 95 -> 1m35s
  local s=$1
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

with_progress() {
  local label=$1 start=$SECONDS status=0 ticker
  shift
  (
    local interval=${PROVISION_PROGRESS_INTERVAL:-30} detail
    while sleep "$interval"; do
      detail=""
      if declare -F progress_detail >/dev/null; then detail=$(progress_detail 2>/dev/null || true); fi
      printf '%s: still running, %s%s\n' "$label" "$(format_seconds $((SECONDS - start)))" \
        "${detail:+ ($detail)}" >&2
    done
  ) &
  ticker=$!
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$status"
}
