package io.dsync.benchmarks.verify;

import io.dsync.verify.VerifyOptions;
import io.dsync.verify.VerifyRunner;
import java.util.List;

/**
 * dsync's verify job as the CLI runs it ({@link VerifyRunner} on an embedded Flink), for as long as
 * {@code ./dsync} has no {@code verify} command: {@code SOURCE DESTINATION DATABASE PARALLELISM}.
 * Launched by the suite as its own JVM with {@code ./dsync}'s classpath and flags; exits 0 when
 * both sides are identical, 1 when they differ.
 */
public final class VerifyJobMain {

    private VerifyJobMain() {}

    public static void main(String[] args) {
        VerifyOptions options =
                VerifyOptions.builder()
                        .sourceUri(args[0])
                        .destinationUri(args[1])
                        .includes(List.of(args[2]))
                        .parallelism(Integer.parseInt(args[3]))
                        .build();
        int code = new VerifyRunner(System.out).run(options);
        System.out.flush();
        System.exit(code);
    }
}
