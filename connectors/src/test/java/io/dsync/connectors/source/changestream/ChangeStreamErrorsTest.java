package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ChangeStreamErrorsTest {

    @Test
    void historyLostCodes() {
        assertThat(ChangeStreamErrors.isHistoryLost(error(286, "ChangeStreamHistoryLost")))
                .isTrue();
        assertThat(ChangeStreamErrors.isHistoryLost(error(136, "CappedPositionLost"))).isTrue();
        assertThat(
                        ChangeStreamErrors.isHistoryLost(
                                error(
                                        280,
                                        "resume of change stream was not possible, as the resume"
                                                + " point may no longer be in the oplog.")))
                .isTrue();
        assertThat(ChangeStreamErrors.isHistoryLost(error(280, "something else"))).isFalse();
        assertThat(ChangeStreamErrors.isTransient(error(286, "x"))).isFalse();
        ChangeStreamHistoryLostException e =
                new ChangeStreamHistoryLostException(
                        ChangeStreamPosition.ofOperationTime(new org.bson.BsonTimestamp(5, 1)),
                        error(286, "gone"));
        assertThat(e.getMessage()).contains("oplog").contains("from scratch").contains("gone");
    }

    @Test
    void oversizedEventsAndAnUnknownSplitStageAreTheirOwnKinds() {
        var tooLarge =
                error(
                        10334,
                        "BSONObj size: 18874687 (0x120013F) is invalid. Size must be between 0 and"
                                + " 16793600(16MB)");
        assertThat(ChangeStreamErrors.isEventTooLarge(tooLarge)).isTrue();
        assertThat(ChangeStreamErrors.isTransient(tooLarge)).isFalse();
        assertThat(ChangeStreamErrors.isSplitStageUnsupported(tooLarge)).isFalse();
        var unknownStage =
                error(40324, "Unrecognized pipeline stage name: '$changeStreamSplitLargeEvent'");
        assertThat(ChangeStreamErrors.isSplitStageUnsupported(unknownStage)).isTrue();
        assertThat(ChangeStreamErrors.isEventTooLarge(unknownStage)).isFalse();
        assertThat(ChangeStreamErrors.isSplitStageUnsupported(error(40324, "'$foo'"))).isFalse();
    }

    @Test
    void transientErrors() {
        assertThat(ChangeStreamErrors.isTransient(error(10107, "not primary"))).isTrue();
        assertThat(
                        ChangeStreamErrors.isTransient(
                                new MongoSocketReadException("reset", new ServerAddress())))
                .isTrue();
        assertThat(ChangeStreamErrors.isTransient(labelled(1234, "ResumableChangeStreamError")))
                .isTrue();
        assertThat(ChangeStreamErrors.isTransient(labelled(10107, "NonResumableChangeStreamError")))
                .isFalse();
        assertThat(ChangeStreamErrors.isTransient(error(13, "Unauthorized"))).isFalse();
        assertThat(ChangeStreamErrors.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void standaloneServers() {
        assertThat(
                        ChangeStreamErrors.isChangeStreamsUnsupported(
                                error(
                                        40573,
                                        "The $changeStream stage is only supported on replica"
                                                + " sets")))
                .isTrue();
        assertThat(ChangeStreamErrors.isChangeStreamsUnsupported(error(13, "x"))).isFalse();
    }

    private static MongoCommandException error(int code, String message) {
        return new MongoCommandException(response(code, message), new ServerAddress());
    }

    private static MongoCommandException labelled(int code, String label) {
        BsonDocument response = response(code, "failed");
        response.append("errorLabels", new BsonArray(List.of(new BsonString(label))));
        return new MongoCommandException(response, new ServerAddress());
    }

    private static BsonDocument response(int code, String message) {
        return new BsonDocument("ok", new BsonDouble(0))
                .append("code", new BsonInt32(code))
                .append("errmsg", new BsonString(message));
    }
}
