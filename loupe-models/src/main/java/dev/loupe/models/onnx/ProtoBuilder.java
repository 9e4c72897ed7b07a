package dev.loupe.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

/**
 * Writes a protobuf message by field number through protobuf-java's {@link UnknownFieldSet}. Repeated values keep
 * the order in which they were added; distinct fields are written in field-number order.
 */
final class ProtoBuilder {
    private final UnknownFieldSet.Builder fields = UnknownFieldSet.newBuilder();

    ProtoBuilder string(int field, String value) {
        return bytes(field, ByteString.copyFromUtf8(value));
    }

    ProtoBuilder bytes(int field, ByteString value) {
        fields.mergeField(field, UnknownFieldSet.Field.newBuilder().addLengthDelimited(value).build());
        return this;
    }

    ProtoBuilder message(int field, ProtoBuilder value) {
        return bytes(field, value.toByteString());
    }

    /** An int32, int64 or enum field (negative values take ten bytes, as protobuf encodes them). */
    ProtoBuilder int64(int field, long value) {
        fields.mergeField(field, UnknownFieldSet.Field.newBuilder().addVarint(value).build());
        return this;
    }

    ProtoBuilder float32(int field, float value) {
        fields.mergeField(field, UnknownFieldSet.Field.newBuilder().addFixed32(Float.floatToRawIntBits(value)).build());
        return this;
    }

    ByteString toByteString() {
        return fields.build().toByteString();
    }
}
