package io.dsync.connectors.source.snapshot;

import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** {@code _id} values of every type the tests use, each distinct. */
final class BsonIds {

    private BsonIds() {}

    /** The {@code i}-th of a sequence of ids cycling through many BSON types. */
    static BsonValue id(int i) {
        return switch (i % 13) {
            case 0 -> new BsonObjectId(new ObjectId(String.format("%024x", 0x5f000000L + i)));
            case 1 -> new BsonString("s-" + i);
            case 2 -> new BsonInt32(i);
            case 3 -> new BsonInt64(10_000_000_000L + i);
            case 4 -> new BsonDouble(i + 0.5);
            case 5 -> new BsonDecimal128(Decimal128.parse(i + ".25"));
            case 6 -> new BsonBinary(new UUID(0x1234L, i));
            case 7 -> new BsonDocument("a", new BsonInt32(i)).append("b", new BsonString("x"));
            case 8 -> new BsonDateTime(1_600_000_000_000L + i);
            case 9 -> new BsonString("ü-" + i);
            case 10 -> new BsonInt64(-i);
            case 11 -> new BsonDouble(-i - 0.25);
            default -> new BsonString("z-" + i);
        };
    }

    /** Ids that occur once at most per collection. */
    static List<BsonValue> singletons() {
        return List.of(
                BsonBoolean.TRUE,
                BsonBoolean.FALSE,
                BsonNull.VALUE,
                new BsonMinKey(),
                new BsonMaxKey());
    }
}
