package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.job.DsyncMain;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In application mode (what the Kubernetes operator runs, deploy/k8s/) and for jars run through the
 * REST API, Flink calls {@code DsyncMain.main} inside the JobManager, with the "embedded" execution
 * target: there it must return, or throw, but never {@code System.exit} (which would end the
 * JobManager, and this test's JVM).
 */
class ApplicationModeMainTest {

    @BeforeEach
    void runAsInsideAJobManager() {
        EmbeddedContext.install();
    }

    @AfterEach
    void reset() {
        EmbeddedContext.uninstall();
    }

    @Test
    void successReturns() {
        DsyncMain.main(new String[] {"--version"});
        // Reaching this line is the test: main returned instead of exiting the JVM.
    }

    @Test
    void failureFailsTheApplicationInsteadOfExiting() {
        assertThatThrownBy(() -> DsyncMain.main(new String[] {"migrate"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dsync migrate ended with exit code 2");
    }

    /** Installs the context environment a JobManager gives an application's main(). */
    private static final class EmbeddedContext extends StreamExecutionEnvironment {

        static void install() {
            initializeContextEnvironment(
                    conf -> {
                        Configuration embedded = new Configuration(conf);
                        embedded.set(DeploymentOptions.TARGET, "embedded");
                        return new StreamExecutionEnvironment(embedded);
                    });
        }

        static void uninstall() {
            resetContextEnvironment();
        }
    }
}
