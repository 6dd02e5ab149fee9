package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** How the duplicates of a failed conversion are named in the error. */
class UniqueIndexFinalizerTest {

    private static BsonDocument response(List<List<BsonValue>> groups) {
        BsonArray violations = new BsonArray();
        for (List<BsonValue> ids : groups) {
            violations.add(new BsonDocument("ids", new BsonArray(ids)));
        }
        return new BsonDocument("violations", violations);
    }

    @Test
    void namesEveryGroupOfIdsInExtendedJson() {
        ObjectId oid = new ObjectId("660489d24cabd75abebadbd0");
        String named =
                UniqueIndexFinalizer.violations(
                        response(
                                List.of(
                                        List.of(new BsonInt32(1), new BsonInt32(2)),
                                        List.of(new BsonObjectId(oid), new BsonInt32(3)))));

        assertThat(named).isEqualTo("1, 2; {\"$oid\": \"660489d24cabd75abebadbd0\"}, 3");
    }

    @Test
    void namesAtMostTwentyIds() {
        List<BsonValue> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(new BsonInt32(i));
        }

        String named = UniqueIndexFinalizer.violations(response(List.of(ids)));

        assertThat(named.split(", ")).hasSize(UniqueIndexFinalizer.MAX_IDS_NAMED + 1);
        assertThat(named).startsWith("0, 1, 2").endsWith("19, ... (more not shown)");
    }
}
