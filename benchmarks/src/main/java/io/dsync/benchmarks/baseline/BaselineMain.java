package io.dsync.benchmarks.baseline;

import java.util.Arrays;

/**
 * The baselines a user would compare dsync with, each run by the suite as its own JVM process:
 *
 * <pre>
 * copy-loop SOURCE DESTINATION DB
 * copy-pipeline SOURCE DESTINATION DB READERS WRITERS
 * ingest DESTINATION DB DOCUMENTS SIZE COLLECTIONS WRITERS
 * change-apply SOURCE DESTINATION DB TOKEN_FILE
 * verify-loop SOURCE DESTINATION DB
 * </pre>
 *
 * Each prints one {@link ResultLine} at the end.
 */
public final class BaselineMain {

    private BaselineMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "copy-loop" -> DriverCopyLoop.main(rest);
            case "copy-pipeline" -> DriverCopyPipeline.main(rest);
            case "ingest" -> RawIngest.main(rest);
            case "change-apply" -> ChangeApplyLoop.main(rest);
            case "verify-loop" -> DriverVerifyLoop.main(rest);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println(
                "usage: BaselineMain copy-loop|copy-pipeline|ingest|change-apply|verify-loop ARGS"
                        + " (see the class comment)");
        System.exit(2);
    }
}
