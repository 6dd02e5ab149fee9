package io.dsync.mongoserver.query;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;

/**
 * A collection's default collation as string comparisons: MongoDB collations are ICU collations,
 * their fields ({@code locale}, {@code strength}, {@code caseLevel}, {@code caseFirst}, {@code
 * numericOrdering}, {@code alternate}, {@code maxVariable}, {@code normalization}, {@code
 * backwards}) ICU's attributes. See the MongoDB manual, "Collation"
 * (https://www.mongodb.com/docs/manual/reference/collation/): a collection's default collation is
 * used by its {@code _id} index and by operations that specify none.
 */
public final class Collation {

    private Collation() {}

    /**
     * String order of a {@code collation} option; null for none or the {@code simple} locale
     * (binary comparison of UTF-8 bytes).
     */
    public static Comparator<String> stringOrder(Object collation) {
        if (!(collation instanceof Document spec)
                || !(spec.get("locale") instanceof String locale)
                || locale.equals("simple")) {
            return null;
        }
        RuleBasedCollator c = (RuleBasedCollator) Collator.getInstance(new ULocale(locale));
        c.setStrength(strength(spec.get("strength")));
        c.setCaseLevel(Boolean.TRUE.equals(spec.get("caseLevel")));
        c.setUpperCaseFirst("upper".equals(spec.get("caseFirst")));
        c.setLowerCaseFirst("lower".equals(spec.get("caseFirst")));
        c.setNumericCollation(Boolean.TRUE.equals(spec.get("numericOrdering")));
        boolean shifted = "shifted".equals(spec.get("alternate"));
        c.setAlternateHandlingShifted(shifted);
        if (shifted) {
            c.setMaxVariable(
                    "space".equals(spec.get("maxVariable"))
                            ? Collator.ReorderCodes.SPACE
                            : Collator.ReorderCodes.PUNCTUATION);
        }
        c.setDecomposition(
                Boolean.TRUE.equals(spec.get("normalization"))
                        ? Collator.CANONICAL_DECOMPOSITION
                        : Collator.NO_DECOMPOSITION);
        c.setFrenchCollation(Boolean.TRUE.equals(spec.get("backwards")));
        Collator frozen = c.freeze(); // immutable: safe to share between threads
        return frozen::compare;
    }

    private static int strength(Object strength) {
        int level = strength instanceof Number n ? n.intValue() : 3;
        return switch (level) {
            case 1 -> Collator.PRIMARY;
            case 2 -> Collator.SECONDARY;
            case 3 -> Collator.TERTIARY;
            case 4 -> Collator.QUATERNARY;
            default -> Collator.IDENTICAL;
        };
    }
}
