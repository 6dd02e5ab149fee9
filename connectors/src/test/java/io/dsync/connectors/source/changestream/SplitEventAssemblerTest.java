package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class SplitEventAssemblerTest {

    private static final RawBsonDocument FIRST =
            RawBsonDocument.parse(
                    "{_id: {_data: 'T1'}, splitEvent: {fragment: 1, of: 2},"
                            + " operationType: 'update', documentKey: {_id: 7}}");
    private static final RawBsonDocument SECOND =
            RawBsonDocument.parse(
                    "{_id: {_data: 'T2'}, splitEvent: {fragment: 2, of: 2},"
                            + " fullDocument: {_id: 7, v: 'x'}}");

    @Test
    void joinsTheFieldsUnderTheLastFragmentsToken() {
        SplitEventAssembler assembler = new SplitEventAssembler();
        assertThat(SplitEventAssembler.isFragment(FIRST)).isTrue();
        assertThat(assembler.add(FIRST)).isNull();
        assertThat(assembler.inProgress()).isTrue();
        RawBsonDocument whole = assembler.add(SECOND);
        assertThat(assembler.inProgress()).isFalse();
        assertThat(whole)
                .isEqualTo(
                        BsonDocument.parse(
                                "{_id: {_data: 'T2'}, operationType: 'update',"
                                        + " documentKey: {_id: 7}, fullDocument: {_id: 7, v: 'x'}}"));
        assertThat(SplitEventAssembler.isFragment(whole)).isFalse();
    }

    @Test
    void refusesAFragmentOutOfOrderAndStartsAgainAfterAReset() {
        SplitEventAssembler assembler = new SplitEventAssembler();
        assertThatThrownBy(() -> assembler.add(SECOND))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fragment 2 of 2");
        assembler.add(FIRST);
        assembler.reset();
        assertThat(assembler.add(FIRST)).isNull();
        assertThat(assembler.add(SECOND)).isNotNull();
    }
}
