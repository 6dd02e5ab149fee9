package io.dsync.mongoserver.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import org.junit.jupiter.api.Test;

/** Resume tokens: "Resume a Change Stream" → "Resume Tokens" (MongoDB manual). */
class ResumeTokenTest {

    private static final long TIME = (1_700_000_000L << 32) | 7;

    @Test
    void roundTripsEveryKind() {
        for (ResumeToken token :
                new ResumeToken[] {
                    ResumeToken.event(TIME),
                    ResumeToken.invalidate(TIME),
                    ResumeToken.highWaterMark(TIME)
                }) {
            assertThat(ResumeToken.parse(token.toDocument())).isEqualTo(token);
        }
    }

    @Test
    void startsWithTheClusterTimeLikeMongoDbTokens() {
        String data = (String) ResumeToken.event(TIME).toDocument().get("_data");
        assertThat(data).startsWith("82" + String.format("%016X", TIME)).hasSize(24);
    }

    @Test
    void sortsInStreamOrder() {
        String hwm = data(ResumeToken.highWaterMark(TIME));
        String event = data(ResumeToken.event(TIME));
        String invalidate = data(ResumeToken.invalidate(TIME));
        String later = data(ResumeToken.highWaterMark(TIME + 1));
        assertThat(hwm).isLessThan(event);
        assertThat(event).isLessThan(invalidate);
        assertThat(invalidate).isLessThan(later);
    }

    @Test
    void rejectsMalformedTokensWithMongoDbCodes() {
        assertCode(new Document("_data", 5), 40647);
        assertCode(new Document(), 40647);
        assertCode("not a document", 40647);
        assertCode(new Document("_data", ""), 40649);
        assertCode(new Document("_data", "zz"), 9);
        assertCode(new Document("_data", "8200"), 50795);
        assertCode(new Document("_data", "8265A1B2C3000000012B022C0100296E5A1004"), 50795);
    }

    private static void assertCode(Object token, int code) {
        assertThatThrownBy(() -> ResumeToken.parse(token))
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    private static String data(ResumeToken token) {
        return (String) token.toDocument().get("_data");
    }
}
