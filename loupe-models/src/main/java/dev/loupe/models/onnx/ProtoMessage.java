package dev.loupe.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protobuf message read without a schema: a typed view, by field number, over protobuf-java's
 * {@link UnknownFieldSet}. Follows protobuf's rules: for a singular field the last occurrence wins, occurrences of a
 * singular message field are merged, repeated scalars may be packed or not.
 */
final class ProtoMessage {
    private final UnknownFieldSet fields;
    private final String where;

    private ProtoMessage(UnknownFieldSet fields, String where) {
        this.fields = fields;
        this.where = where;
    }

    static ProtoMessage parse(ByteString bytes, String where) {
        try {
            return new ProtoMessage(UnknownFieldSet.parseFrom(bytes), where);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(where + " is not a valid protobuf message (" + e.getMessage()
                    + "); the file is corrupt or not an ONNX model", e);
        }
    }

    /** Where this message sits in the model, for error messages, e.g. {@code model.onnx: graph.node[12]}. */
    String where() {
        return where;
    }

    boolean has(int field) {
        return fields.hasField(field);
    }

    String string(int field) {
        List<ByteString> values = lengthDelimited(field, "string");
        return values.isEmpty() ? "" : values.get(values.size() - 1).toStringUtf8();
    }

    List<String> strings(int field) {
        return lengthDelimited(field, "string").stream().map(ByteString::toStringUtf8).toList();
    }

    ByteString bytes(int field) {
        List<ByteString> values = lengthDelimited(field, "bytes");
        return values.isEmpty() ? ByteString.EMPTY : values.get(values.size() - 1);
    }

    long int64(int field, long absent) {
        UnknownFieldSet.Field f = fields.getField(field);
        if (f.getVarintList().isEmpty()) {
            requireNoOtherWireTypes(field, f, "varint");
            return absent;
        }
        return f.getVarintList().get(f.getVarintList().size() - 1);
    }

    float float32(int field, float absent) {
        UnknownFieldSet.Field f = fields.getField(field);
        if (f.getFixed32List().isEmpty()) {
            requireNoOtherWireTypes(field, f, "fixed32");
            return absent;
        }
        return Float.intBitsToFloat(f.getFixed32List().get(f.getFixed32List().size() - 1));
    }

    /** A repeated int64 field, accepting both the packed and the unpacked encoding. */
    List<Long> int64s(int field) {
        UnknownFieldSet.Field f = fields.getField(field);
        List<Long> out = new ArrayList<>(f.getVarintList());
        for (ByteString packed : f.getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            try {
                while (!in.isAtEnd()) {
                    out.add(in.readInt64());
                }
            } catch (IOException e) {
                throw new OnnxFormatException(where + ": field " + field + " holds a broken packed int64 list", e);
            }
        }
        return List.copyOf(out);
    }

    /** A repeated float field, accepting both the packed and the unpacked encoding. */
    List<Float> floats(int field) {
        UnknownFieldSet.Field f = fields.getField(field);
        List<Float> out = new ArrayList<>();
        f.getFixed32List().forEach(bits -> out.add(Float.intBitsToFloat(bits)));
        for (ByteString packed : f.getLengthDelimitedList()) {
            CodedInputStream in = packed.newCodedInput();
            try {
                while (!in.isAtEnd()) {
                    out.add(in.readFloat());
                }
            } catch (IOException e) {
                throw new OnnxFormatException(where + ": field " + field + " holds a broken packed float list", e);
            }
        }
        return List.copyOf(out);
    }

    /** A singular message field; several occurrences are merged as protobuf does (by concatenation). */
    Optional<ProtoMessage> message(int field, String name) {
        List<ByteString> parts = lengthDelimited(field, name);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(ByteString.copyFrom(parts), where + "." + name));
    }

    /** A repeated message field, one entry per occurrence. */
    List<ProtoMessage> messages(int field, String name) {
        List<ByteString> parts = lengthDelimited(field, name);
        List<ProtoMessage> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            out.add(parse(parts.get(i), where + "." + name + "[" + i + "]"));
        }
        return out;
    }

    private List<ByteString> lengthDelimited(int field, String what) {
        UnknownFieldSet.Field f = fields.getField(field);
        if (f.getLengthDelimitedList().isEmpty()) {
            requireNoOtherWireTypes(field, f, what);
        }
        return f.getLengthDelimitedList();
    }

    private void requireNoOtherWireTypes(int field, UnknownFieldSet.Field f, String expected) {
        if (!f.getVarintList().isEmpty() || !f.getFixed32List().isEmpty() || !f.getFixed64List().isEmpty()
                || !f.getLengthDelimitedList().isEmpty() || !f.getGroupList().isEmpty()) {
            throw new OnnxFormatException(where + ": field " + field + " should be a " + expected
                    + " but has another wire type; the file is corrupt or not an ONNX model");
        }
    }
}
