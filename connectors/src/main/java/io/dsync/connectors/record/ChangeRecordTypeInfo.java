package io.dsync.connectors.record;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information that makes Flink use {@link ChangeRecordSerializer} for records. */
public final class ChangeRecordTypeInfo {

    public static final TypeInformation<ChangeRecord> INSTANCE =
            new ExplicitTypeInfo<>(ChangeRecord.class, ChangeRecordSerializer.INSTANCE, false);

    private ChangeRecordTypeInfo() {}
}
