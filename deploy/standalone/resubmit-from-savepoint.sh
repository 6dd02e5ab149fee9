#!/usr/bin/env bash
# Continues a migration from a savepoint (or a retained checkpoint): the same job, restored with
# Flink's -s, so that the copy and the change stream go on exactly where they stopped. Pass the
# same migrate arguments as the first submission.
#   flink run -d -s SAVEPOINT -c io.dsync.job.DsyncMain job/target/dsync-job.jar migrate ARGS...
# Usage: resubmit-from-savepoint.sh SAVEPOINT --source URI --destination URI [migrate options...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=cluster-env.sh
source "$here/cluster-env.sh"

[ $# -ge 1 ] || { echo "usage: resubmit-from-savepoint.sh SAVEPOINT --source URI --destination URI [options]" >&2; exit 2; }
savepoint="$1"
shift
exec "$here/flink.sh" run -d -s "$savepoint" -c io.dsync.job.DsyncMain "$DSYNC_JOB_JAR" migrate "$@"
