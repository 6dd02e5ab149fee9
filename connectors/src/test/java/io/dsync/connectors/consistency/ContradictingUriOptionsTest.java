package io.dsync.connectors.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which connection-string options contradict the consistency dsync forces (issue 16, case 6). */
class ContradictingUriOptionsTest {

    private static Optional<String> source(String options) {
        return ContradictingUriOptions.find(
                "source", new ConnectionString("mongodb://h:1/?" + options), false);
    }

    private static Optional<String> destination(String options) {
        return ContradictingUriOptions.find(
                "destination", new ConnectionString("mongodb://u:pw@h:1/?" + options), true);
    }

    @Test
    void readPreferenceOtherThanPrimaryIsRefusedOnEitherSide() {
        assertThat(source("readPreference=secondaryPreferred"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "the source's connection string sets"
                                                        + " readPreference=secondaryPreferred, but"
                                                        + " dsync reads only from the primary")
                                        .endsWith("set readPreference=primary"));
        assertThat(source("readPreference=secondary")).isPresent();
        assertThat(source("readPreference=primaryPreferred")).isPresent();
        assertThat(destination("readPreference=nearest"))
                .hasValueSatisfying(m -> assertThat(m).contains("readPreference=nearest"));
        assertThat(source("readPreference=primary")).isEmpty();
    }

    @Test
    void readConcernLevelOtherThanMajorityIsRefusedOnEitherSide() {
        assertThat(source("readConcernLevel=local"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .contains("sets readConcernLevel=local")
                                        .contains("read concern majority"));
        assertThat(source("readConcernLevel=available")).isPresent();
        assertThat(source("readConcernLevel=linearizable")).isPresent();
        assertThat(destination("readConcernLevel=local")).isPresent();
        assertThat(source("readConcernLevel=majority")).isEmpty();
    }

    @Test
    void weakWriteConcernIsRefusedWhereDsyncWrites() {
        assertThat(destination("w=1"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .isEqualTo(
                                                "the destination's connection string sets w=1,"
                                                        + " but dsync writes with w=majority and"
                                                        + " journal=true (a completed checkpoint"
                                                        + " must not cover writes a failover can"
                                                        + " lose): remove the option or set"
                                                        + " w=majority"));
        assertThat(destination("w=0")).isPresent();
        assertThat(destination("w=2")).isPresent();
        assertThat(destination("w=majority&journal=false"))
                .hasValueSatisfying(m -> assertThat(m).contains("sets journal=false"));
        assertThat(destination("journal=false")).isPresent();
        assertThat(destination("w=majority&journal=true&wtimeoutMS=5000")).isEmpty();
    }

    @Test
    void writeConcernOptionsOfTheSourceAreOverriddenNotRefused() {
        assertThat(source("w=1&journal=false")).isEmpty();
    }

    @Test
    void noOptionsNothingToRefuseAndNoPasswordInMessages() {
        assertThat(source("replicaSet=rs0")).isEmpty();
        assertThat(destination("")).isEmpty();
        assertThat(destination("w=1")).hasValueSatisfying(m -> assertThat(m).doesNotContain("pw"));
    }

    @Test
    void forcedSettingsOverrideTheConnectionStringAndKeepItsTimeout() {
        var settings =
                ForcedConsistency.settings(
                                new ConnectionString(
                                        "mongodb://h:1/?readPreference=secondary"
                                                + "&readConcernLevel=local&w=1&wtimeoutMS=7000"))
                        .build();
        assertThat(settings.getReadPreference()).isEqualTo(ForcedConsistency.READ_PREFERENCE);
        assertThat(settings.getReadConcern()).isEqualTo(ForcedConsistency.READ_CONCERN);
        assertThat(settings.getWriteConcern().getWObject()).isEqualTo("majority");
        assertThat(settings.getWriteConcern().getJournal()).isTrue();
        assertThat(
                        settings.getWriteConcern()
                                .getWTimeout(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(7000);
        assertThat(
                        ForcedConsistency.settings(new ConnectionString("mongodb://h:1/"))
                                .build()
                                .getWriteConcern())
                .isEqualTo(ForcedConsistency.WRITE_CONCERN);
    }
}
