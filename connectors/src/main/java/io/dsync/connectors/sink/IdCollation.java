package io.dsync.connectors.sink;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import java.io.Serializable;
import java.util.HexFormat;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A collection's default collation, as its {@code _id} index applies it to strings: two strings are
 * the same {@code _id} exactly when their ICU collation keys are equal. MongoDB collations are ICU
 * collations; the fields map one to one onto ICU's attributes (MongoDB manual, "Collation":
 * https://www.mongodb.com/docs/manual/reference/collation/). Serializable as the collation
 * document; the ICU collator is built (frozen, so thread-safe) on first use.
 */
final class IdCollation implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String json;
    private transient volatile Collator collator;

    private IdCollation(String json) {
        this.json = json;
    }

    /**
     * The collation of a {@code collation} document as {@code listCollections} reports it; null for
     * none or for the {@code simple} locale (binary comparison of UTF-8 bytes).
     */
    static IdCollation of(BsonDocument collation) {
        if (collation == null || collation.isEmpty()) {
            return null;
        }
        BsonValue locale = collation.get("locale");
        if (locale == null || !locale.isString() || locale.asString().getValue().equals("simple")) {
            return null;
        }
        IdCollation result = new IdCollation(collation.toJson());
        result.collator(); // refuse an unusable collation now, not at the first record
        return result;
    }

    /**
     * The string's identity under this collation: the hexadecimal collation key, equal for two
     * strings exactly when the collation calls them equal.
     */
    String keyOf(String value) {
        return HexFormat.of().formatHex(collator().getCollationKey(value).toByteArray());
    }

    private Collator collator() {
        Collator c = collator;
        if (c == null) {
            c = build(BsonDocument.parse(json));
            collator = c;
        }
        return c;
    }

    private static Collator build(BsonDocument spec) {
        RuleBasedCollator c =
                (RuleBasedCollator)
                        Collator.getInstance(new ULocale(spec.getString("locale").getValue()));
        c.setStrength(strength(spec.getNumber("strength", null)));
        c.setCaseLevel(flag(spec, "caseLevel"));
        String caseFirst = text(spec, "caseFirst", "off");
        c.setUpperCaseFirst(caseFirst.equals("upper"));
        c.setLowerCaseFirst(caseFirst.equals("lower"));
        c.setNumericCollation(flag(spec, "numericOrdering"));
        boolean shifted = text(spec, "alternate", "non-ignorable").equals("shifted");
        c.setAlternateHandlingShifted(shifted);
        if (shifted) {
            c.setMaxVariable(
                    text(spec, "maxVariable", "punct").equals("space")
                            ? Collator.ReorderCodes.SPACE
                            : Collator.ReorderCodes.PUNCTUATION);
        }
        c.setDecomposition(
                flag(spec, "normalization")
                        ? Collator.CANONICAL_DECOMPOSITION
                        : Collator.NO_DECOMPOSITION);
        c.setFrenchCollation(flag(spec, "backwards"));
        return c.freeze();
    }

    private static int strength(org.bson.BsonNumber strength) {
        int level = strength == null ? 3 : strength.intValue();
        return switch (level) {
            case 1 -> Collator.PRIMARY;
            case 2 -> Collator.SECONDARY;
            case 3 -> Collator.TERTIARY;
            case 4 -> Collator.QUATERNARY;
            case 5 -> Collator.IDENTICAL;
            default -> throw new IllegalArgumentException("collation strength " + level);
        };
    }

    private static boolean flag(BsonDocument spec, String name) {
        BsonValue value = spec.get(name);
        return value != null && value.isBoolean() && value.asBoolean().getValue();
    }

    private static String text(BsonDocument spec, String name, String otherwise) {
        BsonValue value = spec.get(name);
        return value != null && value.isString() ? value.asString().getValue() : otherwise;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdCollation c && c.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
