package io.dsync.connectors.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Which {@code hello} replies {@link PrimaryMember} refuses. */
class PrimaryMemberTest {

    @Test
    void aSecondaryOfAReplicaSetIsRefused() {
        Document hello =
                new Document("setName", "rs0")
                        .append("isWritablePrimary", false)
                        .append("secondary", true);
        assertThat(PrimaryMember.refusal(hello, "source", "h:1"))
                .hasValue(
                        "the source at h:1 is not the primary of replica set rs0 (the connection"
                                + " string reaches this member directly): dsync reads and writes"
                                + " through the primary only; add replicaSet=rs0 without"
                                + " directConnection=true, or name the primary");
        assertThat(
                        PrimaryMember.refusal(
                                new Document("setName", "rs0").append("ismaster", false), "d", "h"))
                .isPresent();
    }

    @Test
    void primariesStandalonesRoutersAndSilentServersAreTaken() {
        assertThat(
                        PrimaryMember.refusal(
                                new Document("setName", "rs0").append("isWritablePrimary", true),
                                "source",
                                "h"))
                .isEmpty();
        assertThat(PrimaryMember.refusal(new Document("isWritablePrimary", true), "source", "h"))
                .isEmpty();
        assertThat(
                        PrimaryMember.refusal(
                                new Document("msg", "isdbgrid").append("isWritablePrimary", true),
                                "source",
                                "h"))
                .isEmpty();
        assertThat(PrimaryMember.refusal(new Document("setName", "globaldb"), "source", "h"))
                .isEmpty();
    }
}
