package dev.loupe.models.onnx;

import com.google.protobuf.ByteString;
import dev.loupe.models.onnx.proto.OnnxProto.AttributeProto;
import dev.loupe.models.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import dev.loupe.models.onnx.proto.OnnxProto.NodeProto;
import dev.loupe.models.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.loupe.models.onnx.proto.OnnxProto.TensorProto;
import dev.loupe.models.onnx.proto.OnnxProto.TensorShapeProto;
import dev.loupe.models.onnx.proto.OnnxProto.TypeProto;
import dev.loupe.models.onnx.proto.OnnxProto.ValueInfoProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the ONNX protobuf messages (classes generated from {@code src/main/protobuf/onnx.proto}) and this
 * package's value types, both directions.
 */
final class OnnxMessages {
    private OnnxMessages() {
    }

    // ---- reading ----

    static ValueInfo readValueInfo(ValueInfoProto m) {
        if (!m.hasType() || !m.getType().hasTensorType()) {
            return new ValueInfo(m.getName(), ElementType.UNDEFINED, Optional.empty());
        }
        TypeProto.Tensor tensor = m.getType().getTensorType();
        Optional<List<Dim>> shape = Optional.empty();
        if (tensor.hasShape()) {
            List<Dim> dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : tensor.getShape().getDimList()) {
                if (d.hasDimValue()) {
                    dims.add(Dim.of(d.getDimValue()));
                } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                    dims.add(Dim.named(d.getDimParam()));
                } else {
                    dims.add(Dim.unknown());
                }
            }
            shape = Optional.of(dims);
        }
        return new ValueInfo(m.getName(), ElementType.of(tensor.getElemType()), shape);
    }

    static OnnxNode readNode(NodeProto m) {
        List<OnnxAttribute> attributes = m.getAttributeList().stream().map(OnnxMessages::readAttribute).toList();
        return new OnnxNode(m.getName(), m.getOpType(), m.getDomain(), List.copyOf(m.getInputList()),
                List.copyOf(m.getOutputList()), attributes);
    }

    static OnnxAttribute readAttribute(AttributeProto m) {
        String name = m.getName();
        return switch (m.getType()) {
            case INT -> new OnnxAttribute.IntValue(name, m.getI());
            case FLOAT -> new OnnxAttribute.FloatValue(name, m.getF());
            case STRING -> new OnnxAttribute.StringValue(name, m.getS().toStringUtf8());
            case INTS -> new OnnxAttribute.IntList(name, List.copyOf(m.getIntsList()));
            case FLOATS -> new OnnxAttribute.FloatList(name, List.copyOf(m.getFloatsList()));
            default -> new OnnxAttribute.Other(name, m.getType().getNumber());
        };
    }

    static TensorInfo readTensorInfo(TensorProto m) {
        return new TensorInfo(m.getName(), ElementType.of(m.getDataType()), List.copyOf(m.getDimsList()),
                m.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    }

    static OpsetImport readOpset(OperatorSetIdProto m) {
        return new OpsetImport(m.getDomain(), m.getVersion());
    }

    // ---- writing ----

    static ValueInfoProto valueInfo(ValueInfo v) {
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(v.elementType().code());
        v.shape().ifPresent(dims -> {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (Dim d : dims) {
                TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                if (d.isFixed()) {
                    dim.setDimValue(d.value());
                } else if (!d.param().isEmpty()) {
                    dim.setDimParam(d.param());
                }
                shape.addDim(dim);
            }
            tensor.setShape(shape);
        });
        return ValueInfoProto.newBuilder().setName(v.name())
                .setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    static NodeProto node(OnnxNode n) {
        NodeProto.Builder b = NodeProto.newBuilder().addAllInput(n.inputs()).addAllOutput(n.outputs())
                .setOpType(n.opType());
        if (!n.name().isEmpty()) {
            b.setName(n.name());
        }
        if (!n.domain().isEmpty()) {
            b.setDomain(n.domain());
        }
        n.attributes().forEach(a -> b.addAttribute(attribute(a)));
        return b.build();
    }

    static AttributeProto attribute(OnnxAttribute a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        switch (a) {
            case OnnxAttribute.IntValue v -> b.setType(AttributeType.INT).setI(v.value());
            case OnnxAttribute.FloatValue v -> b.setType(AttributeType.FLOAT).setF(v.value());
            case OnnxAttribute.StringValue v -> b.setType(AttributeType.STRING).setS(ByteString.copyFromUtf8(v.value()));
            case OnnxAttribute.IntList v -> b.setType(AttributeType.INTS).addAllInts(v.values());
            case OnnxAttribute.FloatList v -> b.setType(AttributeType.FLOATS).addAllFloats(v.values());
            case OnnxAttribute.Other o -> throw new IllegalArgumentException("attribute '" + o.name()
                    + "' of AttributeType " + o.type() + " cannot be written by this builder");
        }
        return b.build();
    }

    static TensorProto tensor(String name, ElementType type, long[] dims, byte[] littleEndianData) {
        TensorProto.Builder b = TensorProto.newBuilder();
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setDataType(type.code()).setName(name).setRawData(ByteString.copyFrom(littleEndianData)).build();
    }

    static OperatorSetIdProto opset(OpsetImport o) {
        OperatorSetIdProto.Builder b = OperatorSetIdProto.newBuilder();
        if (!o.domain().isEmpty()) {
            b.setDomain(o.domain());
        }
        return b.setVersion(o.version()).build();
    }
}
