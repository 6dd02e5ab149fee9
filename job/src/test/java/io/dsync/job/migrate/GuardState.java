package io.dsync.job.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Reads the race guard's state out of a savepoint with Flink's State Processor API, and writes a
 * savepoint whose guard state has the layout of dsync before issue 16 (only the keyed flags).
 */
final class GuardState {

    /** The keyed flag's name, in every dsync version. */
    static final String FLAG_STATE = "changeEventPassed";

    /** The broadcast state of the namespaces whose copy is durable. */
    static final String COPY_DURABLE_STATE = "copyDurableNamespaces";

    private static final OperatorIdentifier GUARD =
            OperatorIdentifier.forUid(MigrationPipeline.GUARD_UID);

    private GuardState() {}

    /** The number of keys for which the guard keeps a flag in the savepoint at {@code path}. */
    static long flagCount(String path) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader savepoint = SavepointReader.read(env, path, new HashMapStateBackend());
        try (CloseableIterator<String> keys =
                savepoint
                        .readKeyedState(GUARD, new FlagReader(), Types.STRING, Types.STRING)
                        .executeAndCollect("read the guard's flags")) {
            long count = 0;
            while (keys.hasNext()) {
                keys.next();
                count++;
            }
            return count;
        }
    }

    /**
     * The namespaces the guard's broadcast state calls durable, in the savepoint at {@code path}.
     */
    static List<String> copyDurableNamespaces(String path) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader savepoint = SavepointReader.read(env, path, new HashMapStateBackend());
        try (CloseableIterator<Tuple2<String, Boolean>> entries =
                savepoint
                        .readBroadcastState(GUARD, COPY_DURABLE_STATE, Types.STRING, Types.BOOLEAN)
                        .executeAndCollect("read the guard's broadcast state")) {
            List<String> result = new ArrayList<>();
            entries.forEachRemaining(e -> result.add(e.f0));
            return result;
        }
    }

    /**
     * Writes to {@code target} a copy of the savepoint at {@code path} whose guard holds only a
     * flag for each of {@code keys}: what a savepoint of dsync before issue 16 holds.
     */
    static void rewriteAsEarlierDsync(String path, List<String> keys, String target)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        SavepointWriter.fromExistingSavepoint(env, path, new HashMapStateBackend())
                .removeOperator(GUARD)
                .withOperator(
                        GUARD,
                        OperatorTransformation.bootstrapWith(env.fromData(keys))
                                .keyBy((KeySelector<String, String>) key -> key, Types.STRING)
                                .transform(new FlagWriter()))
                .write(target);
        env.execute("write a savepoint of an earlier dsync");
    }

    private static final class FlagReader extends KeyedStateReaderFunction<String, String> {
        private transient ValueState<Boolean> flag;

        @Override
        public void open(Configuration parameters) { // abstract in the 1.20 State Processor API
            flag =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>(FLAG_STATE, Types.BOOLEAN));
        }

        @Override
        public void readKey(String key, Context context, Collector<String> out) throws Exception {
            if (flag.value() != null) {
                out.collect(key);
            }
        }
    }

    private static final class FlagWriter extends KeyedStateBootstrapFunction<String, String> {
        private transient ValueState<Boolean> flag;

        @Override
        public void open(OpenContext openContext) {
            flag =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>(FLAG_STATE, Types.BOOLEAN));
        }

        @Override
        public void processElement(String key, Context context) throws Exception {
            flag.update(Boolean.TRUE);
        }
    }

    static Map<String, Double> guardFigures(LocalMigration migration) throws Exception {
        return migration.figures().operator("guard", "min", "copyDurable");
    }
}
