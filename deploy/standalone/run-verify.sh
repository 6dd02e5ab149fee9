#!/usr/bin/env bash
# Runs the verify job (a batch job comparing both sides by _id) on the standalone cluster and
# waits for it (attached): the exit code is verify's own, 0 identical, 1 differences found,
# 2 an error.
#   flink run -c io.dsync.job.DsyncMain job/target/dsync-job.jar verify ARGS...
# Usage: run-verify.sh --source URI --destination URI [verify options...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=cluster-env.sh
source "$here/cluster-env.sh"

exec "$here/flink.sh" run -c io.dsync.job.DsyncMain "$DSYNC_JOB_JAR" verify "$@"
