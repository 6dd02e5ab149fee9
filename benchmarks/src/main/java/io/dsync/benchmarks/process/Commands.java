package io.dsync.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the suite's child processes: {@code ./dsync ...} for servers and jobs, and a
 * plain {@code java} on the benchmarks classpath for baselines and microbenchmarks.
 */
public final class Commands {

    private final Path root;
    private final String classpath;

    private Commands(Path root, String classpath) {
        this.root = root;
        this.classpath = classpath;
    }

    /**
     * @param root the repository's root (where {@code ./dsync} is)
     */
    public static Commands at(Path root) throws IOException {
        Path jar = root.resolve("benchmarks/target/dsync-benchmarks.jar");
        Path cp = root.resolve("benchmarks/target/benchmarks-classpath.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(cp)) {
            throw new IllegalStateException(
                    "benchmarks/target has no jar or classpath file: run benchmarks/run (it builds"
                            + " them) or ./mvnw -q -DskipTests package");
        }
        return new Commands(root, jar + ":" + Files.readString(cp).trim());
    }

    public Path root() {
        return root;
    }

    /** {@code ./dsync args...} */
    public List<String> dsync(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("dsync").toString());
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java [jvmOptions] -cp <benchmarks> mainClass args...} */
    public List<String> java(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
