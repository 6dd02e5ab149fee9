package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.HexFormat;

/**
 * A change-stream resume token: the {@code _id} of every change event and the {@code
 * postBatchResumeToken} of every batch, {@code {_data: "<hex>"}}.
 *
 * <p>Clients treat it as opaque ("Resume a Change Stream", MongoDB manual:
 * https://www.mongodb.com/docs/v7.0/changeStreams/#resume-tokens). Ours is 12 bytes, hex encoded:
 *
 * <pre>
 *   byte 0      0x82, as MongoDB's tokens (the key-string type byte of a Timestamp), so that tools
 *               reading the cluster time out of bytes 1..8 of a MongoDB token also read ours
 *   bytes 1-4   cluster time seconds, big-endian
 *   bytes 5-8   cluster time increment, big-endian
 *   byte 9      layout version (1)
 *   byte 10     token type: 0 = high-water mark, 128 = event (MongoDB's values)
 *   byte 11     1 when the event is the invalidate that follows the entry at that cluster time
 *   bytes 12-13 only in the token of a fragment of a split event: the fragment's number (1-based),
 *               big-endian; MongoDB likewise suffixes the event's token with the fragment number
 * </pre>
 *
 * Every oplog entry has its own cluster time, so the cluster time is the oplog position: an event
 * token means "the event of the entry at this time" (or its invalidate, or one fragment of it when
 * it was split by {@code $changeStreamSplitLargeEvent}), a high-water mark means "every entry up to
 * this time has been seen". Hex strings of tokens sort in stream order.
 */
record ResumeToken(long clusterTime, Type type, boolean fromInvalidate, int fragment) {

    enum Type {
        HIGH_WATER_MARK(0),
        EVENT(128);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    static final String DATA_FIELD = "_data";
    private static final int LENGTH = 12;
    private static final int FRAGMENT_LENGTH = 14;
    private static final int TIMESTAMP_TYPE_BYTE = 0x82;
    private static final int LAYOUT_VERSION = 1;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static ResumeToken event(long clusterTime) {
        return new ResumeToken(clusterTime, Type.EVENT, false, 0);
    }

    static ResumeToken invalidate(long clusterTime) {
        return new ResumeToken(clusterTime, Type.EVENT, true, 0);
    }

    static ResumeToken highWaterMark(long clusterTime) {
        return new ResumeToken(clusterTime, Type.HIGH_WATER_MARK, false, 0);
    }

    /** The token of fragment {@code number} (1-based) of the split event of the entry. */
    static ResumeToken fragment(long clusterTime, int number) {
        if (number < 1 || number > 0xFFFF) {
            throw new IllegalArgumentException("fragment number out of range: " + number);
        }
        return new ResumeToken(clusterTime, Type.EVENT, false, number);
    }

    /** Whether this is the token of one fragment of a split event. */
    boolean isFragment() {
        return fragment > 0;
    }

    Document toDocument() {
        byte[] bytes = new byte[isFragment() ? FRAGMENT_LENGTH : LENGTH];
        bytes[0] = (byte) TIMESTAMP_TYPE_BYTE;
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (clusterTime >>> (56 - 8 * i));
        }
        bytes[9] = LAYOUT_VERSION;
        bytes[10] = (byte) type.code;
        bytes[11] = (byte) (fromInvalidate ? 1 : 0);
        if (isFragment()) {
            bytes[12] = (byte) (fragment >>> 8);
            bytes[13] = (byte) fragment;
        }
        return new Document(DATA_FIELD, HEX.formatHex(bytes));
    }

    /**
     * Parses a token given as {@code resumeAfter}/{@code startAfter}, failing with the codes
     * MongoDB 7.0 uses for malformed tokens (its resume_token.cpp): 40647 for a missing or
     * non-string {@code _data}, FailedToParse for non-hex, 40649 for an empty token, 50795 for a
     * layout this server does not write, 51057 for an unknown token type.
     */
    static ResumeToken parse(Object value) {
        if (!(value instanceof Document document)
                || !(document.get(DATA_FIELD) instanceof String data)) {
            throw new MongoServerError(
                    40647,
                    "Bad resume token: _data of missing or of wrong type. Expected string, got "
                            + value);
        }
        if (data.isEmpty()) {
            throw new MongoServerError(40649, "invalid empty resume token");
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(data);
        } catch (IllegalArgumentException e) {
            throw new MongoServerError(
                    9, "FailedToParse", "resume token string was not a valid hex string");
        }
        if ((bytes.length != LENGTH && bytes.length != FRAGMENT_LENGTH)
                || (bytes[0] & 0xFF) != TIMESTAMP_TYPE_BYTE
                || bytes[9] != LAYOUT_VERSION
                || (bytes[11] != 0 && bytes[11] != 1)) {
            throw new MongoServerError(
                    50795,
                    "Invalid Resume Token: not a token of this server (expected "
                            + LENGTH * 2
                            + " or, for a fragment, "
                            + FRAGMENT_LENGTH * 2
                            + " hex digits starting with 82 and layout version 1): "
                            + data);
        }
        long time = 0;
        for (int i = 0; i < 8; i++) {
            time = (time << 8) | (bytes[1 + i] & 0xFF);
        }
        int typeCode = bytes[10] & 0xFF;
        Type type;
        if (typeCode == Type.EVENT.code) {
            type = Type.EVENT;
        } else if (typeCode == Type.HIGH_WATER_MARK.code) {
            type = Type.HIGH_WATER_MARK;
        } else {
            throw new MongoServerError(51057, "Token type " + typeCode + " not recognized");
        }
        int fragment =
                bytes.length == FRAGMENT_LENGTH
                        ? ((bytes[12] & 0xFF) << 8) | (bytes[13] & 0xFF)
                        : 0;
        if ((type == Type.HIGH_WATER_MARK || bytes[11] != 0) && bytes.length != LENGTH
                || bytes.length == FRAGMENT_LENGTH && fragment == 0) {
            throw new MongoServerError(
                    50795,
                    "Invalid Resume Token: a fragment number on a token of no event: " + data);
        }
        if (type == Type.HIGH_WATER_MARK && bytes[11] != 0) {
            throw new MongoServerError(6189504, "Invalid high water mark token");
        }
        return new ResumeToken(time, type, bytes[11] == 1, fragment);
    }
}
