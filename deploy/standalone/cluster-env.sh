#!/usr/bin/env bash
# Sourced by the other scripts in deploy/standalone/: where things are, the classpath and the JVM
# flags of a standalone Flink 1.20 session cluster on this machine, and the config it runs with.
#
# Environment (all optional):
#   DSYNC_CLUSTER_DIR   where the cluster keeps its conf/, log/, pids/, checkpoints/, savepoints/
#                       (default: dsync-state/cluster under the repository root)
#   DSYNC_CLUSTER_CONF  a YAML file of flat "key: value" lines that override flink-conf/config.yaml
#                       and the settings below (memory, slots, ports...)
#   DSYNC_REST_PORT     the JobManager's REST port (web UI, flink CLI)          default 8081
#   DSYNC_RPC_PORT      the JobManager's RPC port                               default 6123
#   JAVA_HOME           the JDK 17 to run with
#   JVM_ARGS            extra JVM flags for every process (as in Flink's own scripts)

DSYNC_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DSYNC_CLUSTER_DIR="${DSYNC_CLUSTER_DIR:-$DSYNC_HOME/dsync-state/cluster}"
mkdir -p "$DSYNC_CLUSTER_DIR"
DSYNC_CLUSTER_DIR="$(cd "$DSYNC_CLUSTER_DIR" && pwd)"
DSYNC_JOB_JAR="$DSYNC_HOME/job/target/dsync-job.jar"
FLINK_CONF_DIR="$DSYNC_CLUSTER_DIR/conf"
FLINK_LOG_DIR="$DSYNC_CLUSTER_DIR/log"
DSYNC_PID_DIR="$DSYNC_CLUSTER_DIR/pids"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export FLINK_CONF_DIR FLINK_LOG_DIR

# Flink's runtime: the Flink 1.20.5 jars from Maven Central that `./mvnw package` lists for the
# local launcher (flink-runtime, -clients, -statebackend-rocksdb, -runtime-web, log4j, slf4j...).
# A Flink distribution's lib/ holds the same things; dsync-job.jar is NOT on this classpath: it is
# user code, shipped to the cluster by `flink run`.
flink_classpath() {
  local file="$DSYNC_HOME/job/target/launcher-classpath.txt"
  if [ ! -f "$file" ] || [ ! -f "$DSYNC_JOB_JAR" ]; then
    echo "dsync: $file or $DSYNC_JOB_JAR is missing: run ./mvnw -DskipTests package first" >&2
    exit 2
  fi
  cat "$file"
}

# The JVM flags Flink needs on JDK 17, read from the env.java.opts.all line of the cluster's
# config (Flink's own scripts do the same; the Java entry points do not read it themselves).
java_opts() {
  sed -n 's/^env\.java\.opts\.all:[[:space:]]*//p' "$FLINK_CONF_DIR/config.yaml" | tail -n 1
}

# Prints the keys (top-level "key:" lines) of a flat YAML file.
conf_keys() {
  sed -n 's/^\([A-Za-z][A-Za-z0-9._-]*\):.*/\1/p' "$1"
}

# merge_conf BASE OVERRIDES: BASE without the keys OVERRIDES sets, then OVERRIDES.
merge_conf() {
  awk 'FNR == NR { if (match($0, /^[A-Za-z][A-Za-z0-9._-]*:/)) over[substr($0, 1, RLENGTH - 1)] = 1; next }
       match($0, /^[A-Za-z][A-Za-z0-9._-]*:/) && (substr($0, 1, RLENGTH - 1) in over) { next }
       { print }' "$2" "$1"
  echo
  echo "# --- overrides from $2"
  cat "$2"
}

# Writes $FLINK_CONF_DIR/config.yaml: flink-conf/config.yaml, then this machine's cluster settings
# (addresses, ports, state directories under $DSYNC_CLUSTER_DIR), then $DSYNC_CLUSTER_CONF.
write_conf() {
  mkdir -p "$FLINK_CONF_DIR" "$FLINK_LOG_DIR" "$DSYNC_PID_DIR" \
    "$DSYNC_CLUSTER_DIR/checkpoints" "$DSYNC_CLUSTER_DIR/savepoints" "$DSYNC_CLUSTER_DIR/tmp"
  local local_settings="$FLINK_CONF_DIR/cluster-settings.yaml"
  cat >"$local_settings" <<SETTINGS
# A session cluster on this machine (written by deploy/standalone/cluster-env.sh).
jobmanager.rpc.address: localhost
jobmanager.rpc.port: ${DSYNC_RPC_PORT:-6123}
jobmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.bind-host: localhost
rest.address: localhost
rest.bind-address: localhost
rest.port: ${DSYNC_REST_PORT:-8081}
execution.checkpointing.dir: file://$DSYNC_CLUSTER_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$DSYNC_CLUSTER_DIR/savepoints
io.tmp.dirs: $DSYNC_CLUSTER_DIR/tmp
SETTINGS
  merge_conf "$DSYNC_HOME/flink-conf/config.yaml" "$local_settings" >"$FLINK_CONF_DIR/config.yaml.tmp"
  if [ -n "${DSYNC_CLUSTER_CONF:-}" ]; then
    merge_conf "$FLINK_CONF_DIR/config.yaml.tmp" "$DSYNC_CLUSTER_CONF" >"$FLINK_CONF_DIR/config.yaml.tmp2"
    mv "$FLINK_CONF_DIR/config.yaml.tmp2" "$FLINK_CONF_DIR/config.yaml.tmp"
  fi
  mv "$FLINK_CONF_DIR/config.yaml.tmp" "$FLINK_CONF_DIR/config.yaml"
  cp "$DSYNC_HOME/flink-conf/log4j-cluster.properties" "$FLINK_CONF_DIR/log4j.properties"
  cp "$DSYNC_HOME/flink-conf/log4j-cli.properties" "$FLINK_CONF_DIR/log4j-cli.properties"
}

# The value of KEY in the cluster's config.
conf_value() {
  sed -n "s/^$1:[[:space:]]*//p" "$FLINK_CONF_DIR/config.yaml" | tail -n 1
}

# bash_java_utils COMMAND: Flink's own memory calculation (what bin/taskmanager.sh runs): prints
# the JVM flags (-Xmx, -XX:MaxDirectMemorySize...) then the -D settings a process starts with.
bash_java_utils() {
  local output
  # shellcheck disable=SC2086
  output=$("$JAVA" ${JVM_ARGS:-} -classpath "$(flink_classpath)" \
    -Dlog4j2.configurationFile="$FLINK_CONF_DIR/log4j.properties" -Dlog.file="$FLINK_LOG_DIR/bash-java-utils.log" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF_DIR" 2>&1)
  if ! grep -q '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output"; then
    echo "dsync: Flink could not work out the memory settings ($1):" >&2
    echo "$output" | tail -n 20 >&2
    exit 2
  fi
  sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<<"$output" | tail -n 2
}

rest_url() {
  echo "http://localhost:$(conf_value rest.port)"
}
