package io.dsync.job.cli;

import io.dsync.job.migrate.Finalization;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dsync finalize}: make the destination's deferred unique indexes unique at cutover. */
@Command(
        name = "finalize",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finish a migration at cutover, after the application's writes to the source stopped"
                    + " and the full or cdc migration was stopped (Ctrl-C) once caught up:"
                    + " unique indexes, created non-unique while changes were followed (their"
                    + " documents are written in parallel, out of source order), are converted to"
                    + " unique exactly as the source defines them (collMod prepareUnique/unique,"
                    + " MongoDB 6.0+). Documents that share a key are named by _id and nothing is"
                    + " changed. --mode initial-sync finalizes by itself.",
            "Pass the same --include/--exclude/--map as to migrate."
        })
public final class FinalizeCommand implements Callable<Integer> {

    @Mixin SelectionOptions selection;

    @Override
    public Integer call() {
        new Finalization(
                        selection.source(),
                        selection.destination(),
                        selection.includes(),
                        selection.excludes(),
                        selection.maps())
                .run(System.out);
        return ExitCodes.OK;
    }
}
