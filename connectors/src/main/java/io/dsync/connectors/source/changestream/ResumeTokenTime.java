package io.dsync.connectors.source.changestream;

import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads the cluster time out of a MongoDB resume token, for progress reporting only.
 *
 * <p>A 4.2+ token is {@code {_data: "<hex>"}}, a KeyString whose first value is the event's cluster
 * time: type byte {@code 0x82} followed by the 8-byte big-endian timestamp. The format is internal
 * to the server, so anything else gives 0 (unknown); positions never depend on this.
 */
public final class ResumeTokenTime {

    private ResumeTokenTime() {}

    /** The cluster time in a resume token, or 0 when it holds none this class can read. */
    public static long of(byte[] token) {
        try {
            BsonValue data = new RawBsonDocument(token).get("_data");
            if (data == null || !data.isString()) {
                return 0;
            }
            String hex = data.asString().getValue();
            if (hex.length() < 18 || !hex.regionMatches(true, 0, "82", 0, 2)) {
                return 0;
            }
            return Long.parseUnsignedLong(hex.substring(2, 18), 16);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
