package io.dsync.verify.job;

import io.dsync.connectors.record.ExplicitTypeInfo;

/** The type information of the verify job's records: explicit serializers, no Kryo. */
final class VerifyTypes {

    static final ExplicitTypeInfo<DigestRecord> DIGEST_RECORD =
            new ExplicitTypeInfo<>(DigestRecord.class, DigestRecordSerializer.INSTANCE, false);

    public static final ExplicitTypeInfo<ComparedRange> COMPARED_RANGE =
            new ExplicitTypeInfo<>(ComparedRange.class, ComparedRangeSerializer.INSTANCE, true);

    private VerifyTypes() {}
}
