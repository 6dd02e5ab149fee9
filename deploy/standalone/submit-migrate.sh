#!/usr/bin/env bash
# Submits the migration job to the standalone cluster, detached, with Flink's own CLI:
#   flink run -d -c io.dsync.job.DsyncMain job/target/dsync-job.jar migrate ARGS...
# Usage: submit-migrate.sh --source URI --destination URI [migrate options...]
# The CLI checks both sides and takes the change stream's start point here, before submitting;
# it prints the job's id ("Job has been submitted with JobID ...").
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=cluster-env.sh
source "$here/cluster-env.sh"

exec "$here/flink.sh" run -d -c io.dsync.job.DsyncMain "$DSYNC_JOB_JAR" migrate "$@"
