package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.Reference;
import org.junit.jupiter.api.Test;

class LocalRpcSystemTest {

    /** Taken out of flink-rpc-akka-loader by the build (generate-resources), as ./dsync uses it. */
    private static final Path RPC_JAR = Path.of("target/rpc/flink-rpc-akka.jar");

    @Test
    void findsTheRpcSystemOnTheClassPathAndStartsAServiceWithIt() throws Exception {
        assertThat(RPC_JAR).as("built by the rpc-system execution of job/pom.xml").isRegularFile();
        try (URLClassLoader classPath =
                new URLClassLoader(
                        new URL[] {RPC_JAR.toUri().toURL()}, getClass().getClassLoader())) {
            Optional<Reference<RpcSystem>> found = LocalRpcSystem.onClassPath(classPath);

            assertThat(found).isPresent();
            RpcSystem system = found.get().deref();
            assertThat(found.get().isOwned()).isTrue();
            assertThat(system.getClass().getName())
                    .isEqualTo("org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem");
            assertThat(system.getClass().getClassLoader()).isSameAs(classPath);
            RpcService service = system.localServiceBuilder(new Configuration()).createAndStart();
            try {
                assertThat(service.getAddress()).isNotNull();
            } finally {
                service.closeAsync().get();
                system.close();
            }
        }
    }

    @Test
    void findsNothingWhereTheClassPathHasNoRpcSystem() throws Exception {
        Path empty = Files.createTempDirectory("no-rpc");
        try (URLClassLoader classPath =
                new URLClassLoader(new URL[] {empty.toUri().toURL()}, null)) {
            assertThat(LocalRpcSystem.onClassPath(classPath)).isEmpty();
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void fallsBackToFlinksLoaderWithoutTheJarOnTheClassPath() throws Exception {
        // The test class path has flink-rpc-akka-loader but not the jar inside it.
        assertThat(LocalRpcSystem.onClassPath(getClass().getClassLoader())).isEmpty();

        Reference<RpcSystem> loaded = LocalRpcSystem.load(new Configuration());

        assertThat(loaded.isOwned()).isTrue();
        try (RpcSystem system = loaded.deref()) {
            RpcService service = system.localServiceBuilder(new Configuration()).createAndStart();
            service.closeAsync().get();
        }
    }
}
