#!/usr/bin/env bash
# Adds one TaskManager to the running standalone cluster (to replace a lost one, or to scale out),
# in the background like start-cluster.sh's, and prints its name.
set -euo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
here="$(dirname "${BASH_SOURCE[0]}")"

[ -f "$FLINK_CONF_DIR/config.yaml" ] || {
  echo "dsync: no cluster in $DSYNC_CLUSTER_DIR: start one with start-cluster.sh" >&2
  exit 2
}
i=1
while [ -e "$DSYNC_PID_DIR/taskmanager-$i.pid" ] || [ -e "$FLINK_LOG_DIR/taskmanager-$i.out" ]; do
  i=$((i + 1))
done
name="taskmanager-$i"
nohup "$here/taskmanager.sh" "$name" >"$FLINK_LOG_DIR/$name.out" 2>&1 </dev/null &
echo $! >"$DSYNC_PID_DIR/$name.pid"
echo "$name"
