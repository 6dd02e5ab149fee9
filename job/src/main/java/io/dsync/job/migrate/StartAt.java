package io.dsync.job.migrate;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.job.cli.UserError;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.json.JsonParseException;

/**
 * Parses {@code --start-at}: a cluster time as {@code SECONDS} or {@code SECONDS:INCREMENT} (as
 * MongoDB prints {@code Timestamp(s, i)}), or a resume token as JSON ({@code {"_data": "..."}}).
 */
final class StartAt {

    private StartAt() {}

    static ChangeStreamPosition parse(String text) {
        String value = text.trim();
        if (value.startsWith("{")) {
            try {
                RawBsonDocument token = RawBsonDocument.parse(value);
                byte[] bytes = new byte[token.getByteBuffer().remaining()];
                token.getByteBuffer().get(bytes);
                return ChangeStreamPosition.ofResumeToken(bytes);
            } catch (JsonParseException e) {
                throw new UserError("--start-at: not a valid resume token (JSON): " + value);
            }
        }
        String[] parts = value.split(":", -1);
        try {
            long seconds = Long.parseLong(parts[0]);
            int increment = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (parts.length > 2 || seconds < 0 || seconds > 0xFFFFFFFFL || increment < 0) {
                throw new NumberFormatException();
            }
            return ChangeStreamPosition.ofOperationTime(
                    new BsonTimestamp((int) seconds, increment));
        } catch (NumberFormatException e) {
            throw new UserError(
                    "--start-at: expected a cluster time SECONDS[:INCREMENT] or a resume token"
                            + " {\"_data\": ...}, got: "
                            + value);
        }
    }
}
