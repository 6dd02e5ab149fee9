#!/usr/bin/env bash
# Flink's own command line (what a Flink distribution's bin/flink runs: CliFrontend), pointed at
# the standalone cluster's config, so that `flink.sh run|list|stop|cancel|info ...` talk to it.
#   flink.sh run -d -c io.dsync.job.DsyncMain job/target/dsync-job.jar migrate --source ... --destination ...
#   flink.sh list
#   flink.sh stop --savepointPath DIR JOB_ID
set -euo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

[ -f "$FLINK_CONF_DIR/config.yaml" ] || {
  echo "dsync: no cluster config in $FLINK_CONF_DIR: start the cluster with start-cluster.sh" >&2
  exit 2
}
read -r -a opens <<<"$(java_opts)"
# The dsync job reads its base Flink settings from DSYNC_FLINK_CONF_DIR (default ./flink-conf):
# point it at the cluster's own config so that the job and the cluster agree.
export DSYNC_FLINK_CONF_DIR="$FLINK_CONF_DIR"
mkdir -p "$FLINK_LOG_DIR/client"

# shellcheck disable=SC2086
exec "$JAVA" ${JVM_ARGS:-} "${opens[@]}" \
  -Ddsync.log.dir="$FLINK_LOG_DIR/client" \
  -Dlog.file="$FLINK_LOG_DIR/client/flink-client.log" \
  -Dlog4j2.configurationFile="$FLINK_CONF_DIR/log4j-cli.properties" \
  -classpath "$(flink_classpath)" \
  org.apache.flink.client.cli.CliFrontend "$@"
