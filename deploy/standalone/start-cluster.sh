#!/usr/bin/env bash
# Starts a standalone Flink 1.20 session cluster on this machine: one JobManager and N
# TaskManagers, each its own JVM in the background, configured from flink-conf/config.yaml (see
# cluster-env.sh for the overrides), and waits until every TaskManager has registered.
# Usage: start-cluster.sh [--taskmanagers N]       (default 2)
set -euo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
here="$(dirname "${BASH_SOURCE[0]}")"

taskmanagers=2
while [ $# -gt 0 ]; do
  case "$1" in
    --taskmanagers) taskmanagers="$2"; shift 2 ;;
    *) echo "usage: start-cluster.sh [--taskmanagers N]" >&2; exit 2 ;;
  esac
done

if compgen -G "$DSYNC_PID_DIR/*.pid" >/dev/null; then
  for pid_file in "$DSYNC_PID_DIR"/*.pid; do
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "dsync: a cluster is already running from $DSYNC_CLUSTER_DIR (stop it with stop-cluster.sh)" >&2
      exit 2
    fi
    rm -f "$pid_file"
  done
fi

flink_classpath >/dev/null
write_conf

# daemon NAME COMMAND...: runs COMMAND in the background, output in log/NAME.out, pid in pids/.
daemon() {
  local name="$1"; shift
  nohup "$@" >"$FLINK_LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$DSYNC_PID_DIR/$name.pid"
}

# If the cluster does not come up, stop whatever did start.
trap 'status=$?; [ $status -eq 0 ] || "$here/stop-cluster.sh" >/dev/null 2>&1; exit $status' EXIT

daemon jobmanager "$here/jobmanager.sh"
for i in $(seq 1 "$taskmanagers"); do
  daemon "taskmanager-$i" "$here/taskmanager.sh" "taskmanager-$i"
done

# Wait until the REST API answers and every TaskManager has registered.
url="$(rest_url)"
for _ in $(seq 1 120); do
  overview="$(curl -fsS "$url/overview" 2>/dev/null || true)"
  registered="$(sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p' <<<"$overview")"
  if [ "${registered:-0}" -ge "$taskmanagers" ]; then
    echo "Flink cluster running: $url ($taskmanagers TaskManagers; logs in $FLINK_LOG_DIR)"
    exit 0
  fi
  for pid_file in "$DSYNC_PID_DIR"/*.pid; do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      name="$(basename "$pid_file" .pid)"
      echo "dsync: $name exited while starting; see $FLINK_LOG_DIR/$name.log and $name.out" >&2
      tail -n 20 "$FLINK_LOG_DIR/$name.out" >&2 || true
      exit 2
    fi
  done
  sleep 1
done
echo "dsync: the cluster did not come up within 2 minutes; see $FLINK_LOG_DIR" >&2
exit 2
