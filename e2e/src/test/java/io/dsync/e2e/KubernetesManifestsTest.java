package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsync.job.DsyncMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Kubernetes manifests of {@code deploy/k8s/} are what the Flink Kubernetes Operator accepts
 * (parsed into its published API classes, no field unknown to them) and run the job image of {@code
 * deploy/Dockerfile} with arguments dsync's own command line accepts.
 */
class KubernetesManifestsTest {

    private static final Path HOME =
            Path.of(System.getProperty("dsync.home", "..")).toAbsolutePath().normalize();
    private static final Path K8S = HOME.resolve("deploy/k8s");
    private static final String JAR_URI = "local:///opt/flink/usrlib/dsync-job.jar";
    private static final String SECRET_FILE = "/etc/dsync/connections.args";

    @TempDir Path temp;

    @Test
    void migrateIsAnApplicationWithSavepointUpgrades() throws Exception {
        FlinkDeployment deployment = deployment("migrate.yaml");
        JobSpec job = deployment.getSpec().getJob();
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(job.getParallelism()).isPositive();
        assertThat(deployment.getSpec().getFlinkConfiguration())
                .containsKeys("state.checkpoints.dir", "state.savepoints.dir")
                .containsEntry(
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "RETAIN_ON_CANCELLATION");
        CommandLine.ParseResult parsed = parse(job.getArgs());
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("migrate");
        assertThat(parsed.subcommand().matchedOptionValue("--source", ""))
                .startsWith("mongodb+srv://");
    }

    @Test
    void verifyIsABatchApplicationOverTheSameSecret() throws Exception {
        FlinkDeployment deployment = deployment("verify.yaml");
        JobSpec job = deployment.getSpec().getJob();
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.STATELESS);
        CommandLine.ParseResult parsed = parse(job.getArgs());
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("verify");
        assertThat(parsed.subcommand().matchedOptionValue("--destination", ""))
                .startsWith("mongodb://");
    }

    @Test
    void theImagePutsTheJobJarWhereTheManifestsLookForIt() throws Exception {
        String dockerfile = Files.readString(HOME.resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .containsPattern("(?m)^FROM .*flink:1\\.20[.0-9]*-java17")
                .containsPattern(
                        "(?m)^COPY job/target/dsync-job.jar /opt/flink/usrlib/dsync-job.jar")
                .containsPattern("(?m)^COPY flink-conf/config.yaml /opt/flink/conf/config.yaml")
                .contains("/opt/flink/plugins/metrics-prometheus/");
    }

    /**
     * Parses a manifest's FlinkDeployment into the operator's API class, failing on anything the
     * class does not know (a misspelt field would otherwise be silently ignored by the operator).
     */
    private static FlinkDeployment deployment(String file) throws Exception {
        ObjectNode manifest =
                Manifests.ofKind(Manifests.read(K8S.resolve(file)), "FlinkDeployment");
        FlinkDeployment deployment = Manifests.YAML.treeToValue(manifest, FlinkDeployment.class);
        JsonNode roundTrip = Manifests.YAML.valueToTree(deployment);
        assertThat(Manifests.leafPaths(roundTrip))
                .as("fields of %s the operator's API knows", file)
                .containsAll(Manifests.leafPaths(manifest));
        assertThat(deployment.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.getSpec().getFlinkVersion()).isEqualTo(FlinkVersion.v1_20);
        JobSpec job = deployment.getSpec().getJob();
        assertThat(job.getJarURI()).isEqualTo(JAR_URI);
        assertThat(job.getEntryClass()).isEqualTo(DsyncMain.class.getName());
        assertThat(manifest.toString())
                .as("the Secret holding the connection strings is mounted where args read it")
                .contains("\"mountPath\":\"/etc/dsync\"")
                .contains("\"secretName\":\"dsync-connections\"");
        return deployment;
    }

    /**
     * Parses job args with dsync's own command line, the Secret's argument file (with its
     * placeholder URIs) standing where the pod mounts it.
     */
    private CommandLine.ParseResult parse(String[] args) throws Exception {
        ObjectNode secret = Manifests.ofKind(Manifests.read(K8S.resolve("migrate.yaml")), "Secret");
        Path argsFile = temp.resolve("connections.args");
        Files.writeString(argsFile, secret.path("stringData").path("connections.args").asText());
        List<String> substituted = new ArrayList<>();
        for (String arg : args) {
            substituted.add(arg.equals("@" + SECRET_FILE) ? "@" + argsFile : arg);
        }
        assertThat(substituted).as("args read the Secret's file").contains("@" + argsFile);
        return DsyncMain.commandLine().parseArgs(substituted.toArray(String[]::new));
    }
}
