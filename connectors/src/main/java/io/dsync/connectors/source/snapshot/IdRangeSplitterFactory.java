package io.dsync.connectors.source.snapshot;

import java.io.Serializable;

/**
 * Makes the {@link IdRangeSplitter} the enumerator splits collections with; part of the source's
 * configuration (so it is serializable). {@link #pagination()} pages the {@code _id} index.
 */
@FunctionalInterface
public interface IdRangeSplitterFactory extends Serializable {

    IdRangeSplitter create(SplitOptions options);

    /** {@link PaginationSplitter}: exact ranges from paging the {@code _id} index with skip. */
    static IdRangeSplitterFactory pagination() {
        return Pagination.INSTANCE;
    }

    /** The factory of {@link PaginationSplitter}s. */
    final class Pagination implements IdRangeSplitterFactory {
        private static final long serialVersionUID = 1L;
        static final Pagination INSTANCE = new Pagination();

        private Pagination() {}

        @Override
        public IdRangeSplitter create(SplitOptions options) {
            return new PaginationSplitter(options);
        }

        private Object readResolve() {
            return INSTANCE;
        }
    }
}
