#!/usr/bin/env bash
# Runs the JobManager of the standalone session cluster in the foreground (this process becomes
# the JVM): Flink's StandaloneSessionClusterEntrypoint with the config written by start-cluster.sh
# (or write it first: `jobmanager.sh --write-conf`). Logs go to $DSYNC_CLUSTER_DIR/log/jobmanager.log.
# start-cluster.sh runs this in the background; a supervisor (systemd...) can run it directly.
set -euo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

if [ "${1:-}" = "--write-conf" ]; then
  write_conf
  shift
fi
[ -f "$FLINK_CONF_DIR/config.yaml" ] || write_conf

# Flink's own memory calculation: JVM flags (heap, direct, metaspace) and -D settings.
resource_params="$(bash_java_utils GET_JM_RESOURCE_PARAMS)"
mapfile -t params <<<"$resource_params"
read -r -a jvm_params <<<"${params[0]}"
read -r -a dynamic_configs <<<"${params[1]:-}"
read -r -a opens <<<"$(java_opts)"

# shellcheck disable=SC2086
exec "$JAVA" ${JVM_ARGS:-} "${jvm_params[@]}" "${opens[@]}" \
  -Dlog.file="$FLINK_LOG_DIR/jobmanager.log" \
  -Dlog4j2.configurationFile="$FLINK_CONF_DIR/log4j.properties" \
  -classpath "$(flink_classpath)" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$FLINK_CONF_DIR" "${dynamic_configs[@]}" "$@"
