#!/usr/bin/env bash
# Stops the standalone cluster started by start-cluster.sh: every JobManager and TaskManager whose
# pid is in $DSYNC_CLUSTER_DIR/pids, politely (SIGTERM) and, after 30 s, forcibly (SIGKILL).
# Running jobs are not saved: stop them first with stop-with-savepoint.sh.
set -uo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

pids=()
for pid_file in "$DSYNC_PID_DIR"/*.pid; do
  [ -e "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null && pids+=("$pid")
  fi
  rm -f "$pid_file"
done
for _ in $(seq 1 30); do
  alive=()
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null && alive+=("$pid")
  done
  [ ${#alive[@]} -eq 0 ] && { echo "Flink cluster stopped (${#pids[@]} processes)"; exit 0; }
  sleep 1
done
echo "dsync: ${alive[*]} did not stop within 30 s: killing" >&2
kill -9 "${alive[@]}" 2>/dev/null
exit 0
