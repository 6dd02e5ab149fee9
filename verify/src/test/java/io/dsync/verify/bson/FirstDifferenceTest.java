package io.dsync.verify.bson;

import static io.dsync.verify.bson.CanonicalBsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.verify.CompareMode;
import org.junit.jupiter.api.Test;

class FirstDifferenceTest {

    private static String raw(String a, String b) {
        return FirstDifference.of(bytes(a), bytes(b), CompareMode.RAW_BYTES);
    }

    @Test
    void reportsTheFirstChangedValueTopLevelThenNested() {
        assertThat(raw("{'a': 1, 'b': 2}", "{'a': 1, 'b': 3}")).isEqualTo("b");
        assertThat(raw("{'a': {'x': 1, 'y': 2}}", "{'a': {'x': 1, 'y': 5}}")).isEqualTo("a.y");
    }

    @Test
    void aTypeChangeOfTheSameValueIsADifference() {
        assertThat(raw("{'a': 1}", "{'a': {'$numberLong': '1'}}")).isEqualTo("a");
    }

    @Test
    void arraysAreComparedByIndex() {
        assertThat(raw("{'a': [1, {'q': 2}]}", "{'a': [1, {'q': 3}]}")).isEqualTo("a.1.q");
        assertThat(raw("{'a': [1, 2]}", "{'a': [1, 2, 3]}")).isEqualTo("a.2");
    }

    @Test
    void aFieldOnOneSideOnly() {
        assertThat(raw("{'a': 1, 'b': 2}", "{'a': 1}")).isEqualTo("b");
        assertThat(raw("{'a': 1}", "{'a': 1, 'c': 2}")).isEqualTo("c");
    }

    @Test
    void fieldOrderOnlyReportsTheFirstPositionWhereKeysDiffer() {
        assertThat(raw("{'_id': 1, 'a': 1, 'b': 2}", "{'_id': 1, 'b': 2, 'a': 1}")).isEqualTo("a");
        assertThat(raw("{'n': {'x': 1, 'y': 2}}", "{'n': {'y': 2, 'x': 1}}")).isEqualTo("n.x");
    }

    @Test
    void valueDifferencesWinOverOrderDifferences() {
        assertThat(raw("{'a': 1, 'b': 2}", "{'b': 3, 'a': 1}")).isEqualTo("b");
    }

    @Test
    void ignoringFieldOrderThereIsNoOrderDifference() {
        assertThat(
                        FirstDifference.of(
                                bytes("{'a': 1, 'b': 2}"),
                                bytes("{'b': 2, 'a': 1}"),
                                CompareMode.IGNORE_FIELD_ORDER))
                .isNull();
    }
}
