package io.dsync.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.job.cli.UserError;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class StartAtTest {

    @Test
    void parsesClusterTimesAndResumeTokens() {
        assertThat(StartAt.parse("1700000000:5").operationTime())
                .isEqualTo(new BsonTimestamp(1_700_000_000, 5));
        assertThat(StartAt.parse("1700000000").operationTime())
                .isEqualTo(new BsonTimestamp(1_700_000_000, 0));
        ChangeStreamPosition token = StartAt.parse("{\"_data\": \"826B08A8\"}");
        assertThat(token.isResumeToken()).isTrue();
        assertThat(token.resumeTokenDocument().getString("_data").getValue()).isEqualTo("826B08A8");
    }

    @Test
    void refusesOtherInput() {
        assertThatThrownBy(() -> StartAt.parse("yesterday")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> StartAt.parse("{not json")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> StartAt.parse("1:2:3")).isInstanceOf(UserError.class);
    }
}
