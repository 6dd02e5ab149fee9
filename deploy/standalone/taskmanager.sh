#!/usr/bin/env bash
# Runs one TaskManager of the standalone session cluster in the foreground (this process becomes
# the JVM): Flink's TaskManagerRunner with the config written by start-cluster.sh, its memory laid
# out by Flink's own calculation (taskmanager.memory.process.size, managed memory for RocksDB...).
# Usage: taskmanager.sh [NAME]   (NAME names its log file: log/NAME.log; default taskmanager)
set -euo pipefail
# shellcheck source=cluster-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

name="${1:-taskmanager}"
[ -f "$FLINK_CONF_DIR/config.yaml" ] || {
  echo "dsync: no cluster config in $FLINK_CONF_DIR: start the cluster with start-cluster.sh" >&2
  exit 2
}

resource_params="$(bash_java_utils GET_TM_RESOURCE_PARAMS)"
mapfile -t params <<<"$resource_params"
read -r -a jvm_params <<<"${params[0]}"
read -r -a dynamic_configs <<<"${params[1]:-}"
read -r -a opens <<<"$(java_opts)"

# shellcheck disable=SC2086
exec "$JAVA" ${JVM_ARGS:-} "${jvm_params[@]}" "${opens[@]}" \
  -Dlog.file="$FLINK_LOG_DIR/$name.log" \
  -Dlog4j2.configurationFile="$FLINK_CONF_DIR/log4j.properties" \
  -classpath "$(flink_classpath)" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$FLINK_CONF_DIR" "${dynamic_configs[@]}"
