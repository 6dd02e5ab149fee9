package io.dsync.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint or savepoint to resume from: a directory holding a {@code
 * _metadata} file (Flink writes it last, so its presence means the snapshot is complete).
 */
public final class CheckpointLocator {

    private CheckpointLocator() {}

    /** The newest snapshot directory under any of {@code roots}, by its metadata's time. */
    public static Optional<Path> newest(Path... roots) {
        return newestFirst(roots).stream().findFirst();
    }

    /** Every completed snapshot directory under {@code roots}, newest (by its metadata) first. */
    public static List<Path> newestFirst(Path... roots) {
        List<Path> metadata = new ArrayList<>();
        for (Path root : roots) {
            if (root == null || !Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, 3)) {
                files.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .forEach(metadata::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + root, e);
            }
        }
        return metadata.stream()
                .sorted(Comparator.comparing(CheckpointLocator::modified).reversed())
                .map(Path::getParent)
                .distinct()
                .toList();
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
