package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.sink.DdlApplier;
import io.dsync.connectors.sink.DdlJournal;
import io.dsync.connectors.sink.DestinationSchema;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, case 2: a DDL event replayed after a restore is applied once, whatever later events did
 * at the destination since (the {@link DdlJournal}), and applying it again after a crash that left
 * it unrecorded changes nothing.
 */
class DdlActionsITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final NamespaceFilter ALL = NamespaceFilter.of(List.of("ddl_act"), List.of());

    private MongoClient source;
    private MongoClient destination;
    private DdlApplier applier;
    private DdlJournal journal;

    @BeforeEach
    void start() {
        source = MongoClients.create(SERVERS.sourceUri());
        destination = MongoClients.create(SERVERS.destinationUri());
        destination.getDatabase("ddl_act").drop();
        destination.getDatabase("__dsync").getCollection(DdlJournal.COLLECTION).drop();
        applier = new DdlApplier(destination, NamespaceMapping.identity());
        journal = new DdlJournal(destination);
    }

    @AfterEach
    void stop() {
        source.close();
        destination.close();
    }

    @Test
    void aReplayedRenameLeavesTheRenamedCollectionAndTheNewOneUnderTheOldName() {
        insert("ddl_act.logs", "old-1", "old-2");
        DdlEvent rename = DdlEvent.rename(ns("ddl_act.logs"), ns("ddl_act.logs_2024"));
        ChangeStreamPosition at = token("8200000064000000012B0229");

        apply(rename, at);
        insert("ddl_act.logs", "new-1"); // the application's new logs, after the rename
        apply(rename, at); // replayed after a restore from before the rename

        assertThat(ids("ddl_act.logs_2024")).containsExactlyInAnyOrder("old-1", "old-2");
        assertThat(ids("ddl_act.logs")).containsExactly("new-1");
    }

    @Test
    void aReplayedDropLeavesTheCollectionCreatedAgainAfterIt() {
        insert("ddl_act.tmp", "before");
        DdlEvent drop = DdlEvent.drop(ns("ddl_act.tmp"));
        ChangeStreamPosition at = token("8200000065000000012B0229");

        apply(drop, at);
        insert("ddl_act.tmp", "after");
        apply(drop, at);

        assertThat(ids("ddl_act.tmp")).containsExactly("after");
    }

    @Test
    void aRenameAppliedButNotRecordedBeforeACrashIsTakenAsDoneAndRecorded() {
        insert("ddl_act.a", "x");
        DdlEvent rename = DdlEvent.rename(ns("ddl_act.a"), ns("ddl_act.b"));
        ChangeStreamPosition at = token("8200000066000000012B0229");
        applier.rename(ns("ddl_act.a"), ns("ddl_act.b"), true); // the crash came before the record

        apply(rename, at);

        assertThat(collections()).containsExactly("b");
        assertThat(ids("ddl_act.b")).containsExactly("x");
        assertThat(journal.contains(DdlActions.eventId(rename, at))).isTrue();
    }

    @Test
    void eventsAreTheSameOnlyWithTheSameTokenAndTheSameChange() {
        DdlEvent drop = DdlEvent.drop(ns("ddl_act.c"));
        ChangeStreamPosition at = token("8200000067000000012B0229");
        apply(drop, at);

        assertThat(journal.contains(DdlActions.eventId(drop, at))).isTrue();
        assertThat(journal.contains(DdlActions.eventId(drop, token("8200000067000000022B0229"))))
                .isFalse();
        assertThat(journal.contains(DdlActions.eventId(DdlEvent.drop(ns("ddl_act.d")), at)))
                .isFalse();
    }

    private void apply(DdlEvent ddl, ChangeStreamPosition position) {
        DdlActions.apply(
                ddl,
                position,
                ALL,
                applier,
                new DestinationSchema(source, destination, NamespaceMapping.identity()),
                journal);
    }

    private static ChangeStreamPosition token(String data) {
        RawBsonDocument token =
                new RawBsonDocument(
                        new BsonDocument("_data", new BsonString(data)), new BsonDocumentCodec());
        ByteBuf buffer = token.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return ChangeStreamPosition.ofResumeToken(bytes);
    }

    private static Namespace ns(String name) {
        return Namespace.parse(name);
    }

    private void insert(String namespace, String... ids) {
        Namespace ns = ns(namespace);
        for (String id : ids) {
            destination
                    .getDatabase(ns.database())
                    .getCollection(ns.collection())
                    .insertOne(new Document("_id", id));
        }
    }

    private List<String> collections() {
        return destination.getDatabase("ddl_act").listCollectionNames().into(new ArrayList<>());
    }

    private List<String> ids(String namespace) {
        Namespace ns = ns(namespace);
        List<String> ids = new ArrayList<>();
        for (Document d :
                destination.getDatabase(ns.database()).getCollection(ns.collection()).find()) {
            ids.add(d.getString("_id"));
        }
        return ids;
    }
}
