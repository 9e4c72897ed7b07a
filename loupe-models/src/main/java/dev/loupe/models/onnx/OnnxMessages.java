package dev.loupe.models.onnx;

import com.google.protobuf.ByteString;
import dev.loupe.models.onnx.OnnxFields.Attribute;
import dev.loupe.models.onnx.OnnxFields.Node;
import dev.loupe.models.onnx.OnnxFields.Opset;
import dev.loupe.models.onnx.OnnxFields.Tensor;
import dev.loupe.models.onnx.OnnxFields.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts between the ONNX protobuf messages and this package's value types, both directions. */
final class OnnxMessages {
    private OnnxMessages() {
    }

    // ---- reading ----

    static ValueInfo readValueInfo(ProtoMessage m) {
        String name = m.string(OnnxFields.ValueInfo.NAME);
        Optional<ProtoMessage> tensorType = m.message(OnnxFields.ValueInfo.TYPE, "type")
                .flatMap(t -> t.message(Type.TENSOR_TYPE, "tensor_type"));
        if (tensorType.isEmpty()) {
            return new ValueInfo(name, ElementType.UNDEFINED, Optional.empty());
        }
        ElementType elementType = ElementType.of(tensorType.get().int64(Type.TENSOR_ELEM_TYPE, 0));
        Optional<List<Dim>> shape = tensorType.get().message(Type.TENSOR_SHAPE, "shape").map(s -> {
            List<Dim> dims = new ArrayList<>();
            for (ProtoMessage d : s.messages(Type.SHAPE_DIM, "dim")) {
                if (d.has(Type.DIM_VALUE)) {
                    dims.add(Dim.of(d.int64(Type.DIM_VALUE, 0)));
                } else if (!d.string(Type.DIM_PARAM).isEmpty()) {
                    dims.add(Dim.named(d.string(Type.DIM_PARAM)));
                } else {
                    dims.add(Dim.unknown());
                }
            }
            return dims;
        });
        return new ValueInfo(name, elementType, shape);
    }

    static OnnxNode readNode(ProtoMessage m) {
        List<OnnxAttribute> attributes = m.messages(Node.ATTRIBUTE, "attribute").stream()
                .map(OnnxMessages::readAttribute).toList();
        return new OnnxNode(m.string(Node.NAME), m.string(Node.OP_TYPE), m.string(Node.DOMAIN),
                m.strings(Node.INPUT), m.strings(Node.OUTPUT), attributes);
    }

    static OnnxAttribute readAttribute(ProtoMessage m) {
        String name = m.string(Attribute.NAME);
        int type = (int) m.int64(Attribute.TYPE, 0);
        return switch (type) {
            case Attribute.TYPE_INT -> new OnnxAttribute.IntValue(name, m.int64(Attribute.I, 0));
            case Attribute.TYPE_FLOAT -> new OnnxAttribute.FloatValue(name, m.float32(Attribute.F, 0f));
            case Attribute.TYPE_STRING -> new OnnxAttribute.StringValue(name, m.bytes(Attribute.S).toStringUtf8());
            case Attribute.TYPE_INTS -> new OnnxAttribute.IntList(name, m.int64s(Attribute.INTS));
            case Attribute.TYPE_FLOATS -> new OnnxAttribute.FloatList(name, m.floats(Attribute.FLOATS));
            default -> new OnnxAttribute.Other(name, type);
        };
    }

    static TensorInfo readTensorInfo(ProtoMessage m) {
        return new TensorInfo(m.string(Tensor.NAME), ElementType.of(m.int64(Tensor.DATA_TYPE, 0)),
                m.int64s(Tensor.DIMS), m.int64(Tensor.DATA_LOCATION, 0) == Tensor.DATA_LOCATION_EXTERNAL);
    }

    static OpsetImport readOpset(ProtoMessage m) {
        return new OpsetImport(m.string(Opset.DOMAIN), m.int64(Opset.VERSION, 0));
    }

    // ---- writing ----

    static ProtoBuilder valueInfo(ValueInfo v) {
        ProtoBuilder tensorType = new ProtoBuilder().int64(Type.TENSOR_ELEM_TYPE, v.elementType().code());
        v.shape().ifPresent(dims -> {
            ProtoBuilder shape = new ProtoBuilder();
            for (Dim d : dims) {
                ProtoBuilder dim = new ProtoBuilder();
                if (d.isFixed()) {
                    dim.int64(Type.DIM_VALUE, d.value());
                } else if (!d.param().isEmpty()) {
                    dim.string(Type.DIM_PARAM, d.param());
                }
                shape.message(Type.SHAPE_DIM, dim);
            }
            tensorType.message(Type.TENSOR_SHAPE, shape);
        });
        return new ProtoBuilder().string(OnnxFields.ValueInfo.NAME, v.name())
                .message(OnnxFields.ValueInfo.TYPE, new ProtoBuilder().message(Type.TENSOR_TYPE, tensorType));
    }

    static ProtoBuilder node(OnnxNode n) {
        ProtoBuilder b = new ProtoBuilder();
        n.inputs().forEach(i -> b.string(Node.INPUT, i));
        n.outputs().forEach(o -> b.string(Node.OUTPUT, o));
        if (!n.name().isEmpty()) {
            b.string(Node.NAME, n.name());
        }
        b.string(Node.OP_TYPE, n.opType());
        if (!n.domain().isEmpty()) {
            b.string(Node.DOMAIN, n.domain());
        }
        n.attributes().forEach(a -> b.message(Node.ATTRIBUTE, attribute(a)));
        return b;
    }

    static ProtoBuilder attribute(OnnxAttribute a) {
        ProtoBuilder b = new ProtoBuilder().string(Attribute.NAME, a.name());
        switch (a) {
            case OnnxAttribute.IntValue v -> b.int64(Attribute.TYPE, Attribute.TYPE_INT).int64(Attribute.I, v.value());
            case OnnxAttribute.FloatValue v ->
                    b.int64(Attribute.TYPE, Attribute.TYPE_FLOAT).float32(Attribute.F, v.value());
            case OnnxAttribute.StringValue v ->
                    b.int64(Attribute.TYPE, Attribute.TYPE_STRING).bytes(Attribute.S, ByteString.copyFromUtf8(v.value()));
            case OnnxAttribute.IntList v -> {
                b.int64(Attribute.TYPE, Attribute.TYPE_INTS);
                v.values().forEach(x -> b.int64(Attribute.INTS, x));
            }
            case OnnxAttribute.FloatList v -> {
                b.int64(Attribute.TYPE, Attribute.TYPE_FLOATS);
                v.values().forEach(x -> b.float32(Attribute.FLOATS, x));
            }
            case OnnxAttribute.Other o -> throw new IllegalArgumentException("attribute '" + o.name()
                    + "' of AttributeType " + o.type() + " cannot be written by this builder");
        }
        return b;
    }

    static ProtoBuilder tensor(String name, ElementType type, long[] dims, byte[] littleEndianData) {
        ProtoBuilder b = new ProtoBuilder();
        for (long d : dims) {
            b.int64(Tensor.DIMS, d);
        }
        return b.int64(Tensor.DATA_TYPE, type.code()).string(Tensor.NAME, name)
                .bytes(Tensor.RAW_DATA, ByteString.copyFrom(littleEndianData));
    }

    static ProtoBuilder opset(OpsetImport o) {
        ProtoBuilder b = new ProtoBuilder();
        if (!o.domain().isEmpty()) {
            b.string(Opset.DOMAIN, o.domain());
        }
        return b.int64(Opset.VERSION, o.version());
    }
}
