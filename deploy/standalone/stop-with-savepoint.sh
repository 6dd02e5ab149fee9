#!/usr/bin/env bash
# Stops a running migration job with a savepoint (Flink's "stop": the sources stop, the last
# checkpoint-like snapshot is written, and the job ends FINISHED), and prints the savepoint's path
# ("Savepoint completed. Path: ..."). Continue later with resubmit-from-savepoint.sh.
# Usage: stop-with-savepoint.sh JOB_ID [SAVEPOINT_DIR]   (default: the cluster's savepoints/)
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=cluster-env.sh
source "$here/cluster-env.sh"

[ $# -ge 1 ] || { echo "usage: stop-with-savepoint.sh JOB_ID [SAVEPOINT_DIR]" >&2; exit 2; }
exec "$here/flink.sh" stop --savepointPath "${2:-file://$DSYNC_CLUSTER_DIR/savepoints}" "$1"
