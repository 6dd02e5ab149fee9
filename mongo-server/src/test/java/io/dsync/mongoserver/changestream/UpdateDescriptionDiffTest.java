package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeStreamHarness.doc;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Change Events" → update event → updateDescription (MongoDB manual). */
class UpdateDescriptionDiffTest {

    @Test
    void reportsNewChangedAndRemovedTopLevelFields() {
        Document diff =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", 1, "b", "x", "gone", true),
                        doc("_id", 1, "a", 2, "b", "x", "new", 3));
        assertThat(diff)
                .isEqualTo(
                        doc(
                                "updatedFields", doc("a", 2, "new", 3),
                                "removedFields", List.of("gone"),
                                "truncatedArrays", List.of()));
    }

    @Test
    void describesEmbeddedDocumentsWithDottedPaths() {
        Document diff =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", doc("b", 1, "c", 1, "d", doc("e", 1))),
                        doc("_id", 1, "a", doc("b", 1, "d", doc("e", 2), "f", 0)));
        assertThat(diff.get("updatedFields")).isEqualTo(doc("a.d.e", 2, "a.f", 0));
        assertThat(diff.get("removedFields")).isEqualTo(List.of("a.c"));
    }

    @Test
    void describesArraysByIndexAndTruncation() {
        Document grown =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "arr", List.of(1, 2, 3)),
                        doc("_id", 1, "arr", List.of(1, 9, 3, 4)));
        assertThat(grown.get("updatedFields")).isEqualTo(doc("arr.1", 9, "arr.3", 4));
        assertThat(grown.get("truncatedArrays")).isEqualTo(List.of());

        Document shrunk =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "arr", List.of(1, 2, 3)), doc("_id", 1, "arr", List.of(1)));
        assertThat(shrunk.get("updatedFields")).isEqualTo(doc());
        assertThat(shrunk.get("truncatedArrays"))
                .isEqualTo(List.of(doc("field", "arr", "newSize", 1)));

        Document nested =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "arr", List.of(doc("x", 1), doc("x", 2))),
                        doc("_id", 1, "arr", List.of(doc("x", 1), doc("x", 3))));
        assertThat(nested.get("updatedFields")).isEqualTo(doc("arr.1.x", 3));
    }

    @Test
    void reportsATypeChangeEvenWhenValuesCompareEqual() {
        Document diff =
                UpdateDescriptionDiff.between(doc("_id", 1, "n", 1), doc("_id", 1, "n", 1L));
        assertThat(diff.get("updatedFields")).isEqualTo(doc("n", 1L));
    }

    @Test
    void reportsWholeValuesWhenPathsWouldBeAmbiguousOrTypesDiffer() {
        Document dotted =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", doc("x.y", 1)), doc("_id", 1, "a", doc("x.y", 2)));
        assertThat(dotted.get("updatedFields")).isEqualTo(doc("a", doc("x.y", 2)));

        Document numeric =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", doc("0", 1)), doc("_id", 1, "a", doc("0", 2)));
        assertThat(numeric.get("updatedFields")).isEqualTo(doc("a", doc("0", 2)));

        Document docToArray =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", doc("x", 1)), doc("_id", 1, "a", List.of(1)));
        assertThat(docToArray.get("updatedFields")).isEqualTo(doc("a", List.of(1)));
    }

    @Test
    void reportsAReorderedEmbeddedDocumentWhole() {
        Document diff =
                UpdateDescriptionDiff.between(
                        doc("_id", 1, "a", doc("x", 1, "y", 2)),
                        doc("_id", 1, "a", doc("y", 2, "x", 1)));
        assertThat(diff.get("updatedFields")).isEqualTo(doc("a", doc("y", 2, "x", 1)));
    }
}
