package dev.loupe.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.loupe.models.onnx.proto.OnnxProto.GraphProto;
import dev.loupe.models.onnx.proto.OnnxProto.ModelProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Edits of an existing ONNX model that add outputs without touching anything else. The new nodes and outputs are
 * appended to the main graph's bytes (protobuf appends repeated fields in order of appearance), so every byte of
 * the original model — weights, metadata, node order — is kept; only the graph's length prefix changes.
 */
public final class OnnxGraphEdit {
    private OnnxGraphEdit() {
    }

    /**
     * Adds {@code GlobalAveragePool(featureTensor) → Flatten(axis=1) → newOutput} and declares {@code newOutput} a
     * float graph output of shape [N, C]: N is the batch dimension of the first graph input, C the channel count of
     * the feature map when the model lets it be known (declared shape, or the weight of the convolution producing
     * it), otherwise a symbolic dimension.
     *
     * @param featureTensor a float tensor of shape [N, C, H, W...] inside the graph
     * @throws OnnxFormatException if the tensor does not exist, is declared non-float or of rank < 3, or if
     *                             {@code newOutput} is already a tensor name
     */
    public static byte[] exposePooled(byte[] model, String featureTensor, String newOutput) {
        OnnxGraph graph = OnnxGraph.parse(model, "model");
        requireTensor(graph, featureTensor);
        requireFreeName(graph, newOutput);
        Optional<ValueInfo> declared = graph.valueInfo(featureTensor);
        declared.ifPresent(v -> {
            if (v.elementType() != ElementType.FLOAT && v.elementType() != ElementType.UNDEFINED) {
                throw new OnnxFormatException("tensor '" + featureTensor + "' is " + v.elementType()
                        + ", not FLOAT; pool a float feature map (e.g. the output of a DequantizeLinear node)");
            }
            v.shape().filter(s -> s.size() < 3).ifPresent(s -> {
                throw new OnnxFormatException("tensor '" + featureTensor + "' has shape " + s
                        + "; GlobalAveragePool needs [N, C, H, W...] (rank >= 3)");
            });
        });
        if (graph.opsetVersion("").isEmpty()) {
            throw new OnnxFormatException("model imports no default ONNX opset; cannot add GlobalAveragePool");
        }
        Dim channels = ShapeHints.channels(graph, featureTensor).map(Dim::of)
                .orElse(Dim.named(newOutput + "_channels"));
        String pooled = freeName(graph, newOutput + "_gap");
        OnnxNode gap = new OnnxNode(freeNodeName(graph, "loupe_" + newOutput + "_GlobalAveragePool"),
                "GlobalAveragePool", "", List.of(featureTensor), List.of(pooled), List.of());
        OnnxNode flatten = new OnnxNode(freeNodeName(graph, "loupe_" + newOutput + "_Flatten"), "Flatten", "",
                List.of(pooled), List.of(newOutput), List.of(OnnxAttribute.integer("axis", 1)));
        ValueInfo out = ValueInfo.tensor(newOutput, ElementType.FLOAT, List.of(ShapeHints.batch(graph), channels));
        return appendToGraph(model, List.of(gap, flatten), List.of(out));
    }

    /**
     * Declares an existing tensor a graph output, with the type and shape the model declares for it in value_info.
     *
     * @throws OnnxFormatException if the tensor does not exist, is already an output, or has no declared type
     */
    public static byte[] exposeTensor(byte[] model, String tensor) {
        OnnxGraph graph = OnnxGraph.parse(model, "model");
        requireTensor(graph, tensor);
        ValueInfo info = graph.valueInfo(tensor).filter(v -> v.elementType() != ElementType.UNDEFINED)
                .orElseThrow(() -> new OnnxFormatException("the model declares no element type for tensor '"
                        + tensor + "'; use exposeTensor(model, tensor, type, shape)"));
        return exposeTensor(model, tensor, info.elementType(), info.shape().orElse(null));
    }

    /**
     * Declares an existing tensor a graph output with the given element type and shape ({@code null} shape = rank
     * not declared).
     */
    public static byte[] exposeTensor(byte[] model, String tensor, ElementType type, List<Dim> shape) {
        OnnxGraph graph = OnnxGraph.parse(model, "model");
        requireTensor(graph, tensor);
        if (graph.outputNames().contains(tensor)) {
            throw new OnnxFormatException("tensor '" + tensor + "' is already a graph output");
        }
        return appendToGraph(model, List.of(), List.of(new ValueInfo(tensor, type, Optional.ofNullable(shape))));
    }

    /** Splices node and output entries onto the end of the model's (last) graph field; all other bytes are copied. */
    static byte[] appendToGraph(byte[] model, List<OnnxNode> nodes, List<ValueInfo> outputs) {
        GraphProto.Builder extra = GraphProto.newBuilder();
        nodes.forEach(n -> extra.addNode(OnnxMessages.node(n)));
        outputs.forEach(o -> extra.addOutput(OnnxMessages.valueInfo(o)));
        ByteString appended = extra.build().toByteString();
        try {
            int graphFields = countGraphFields(model);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + appended.size() + 16);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            CodedInputStream in = CodedInputStream.newInstance(model);
            int seen = 0;
            while (true) {
                int start = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (isGraphTag(tag) && ++seen == graphFields) {
                    ByteString graph = in.readBytes();
                    out.writeTag(ModelProto.GRAPH_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    out.writeUInt32NoTag(graph.size() + appended.size());
                    out.writeRawBytes(graph);
                    out.writeRawBytes(appended);
                } else {
                    in.skipField(tag);
                    out.writeRawBytes(model, start, in.getTotalBytesRead() - start);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new OnnxFormatException("model is not a valid protobuf message: " + e.getMessage(), e);
        }
    }

    private static int countGraphFields(byte[] model) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model);
        int count = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (isGraphTag(tag)) {
                count++;
            }
            in.skipField(tag);
        }
        if (count == 0) {
            throw new OnnxFormatException("model has no graph (ModelProto field 7)");
        }
        return count;
    }

    private static boolean isGraphTag(int tag) {
        return WireFormat.getTagFieldNumber(tag) == ModelProto.GRAPH_FIELD_NUMBER
                && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static void requireTensor(OnnxGraph graph, String tensor) {
        if (!graph.hasTensor(tensor)) {
            List<String> outputs = new ArrayList<>(graph.outputNames());
            throw new OnnxFormatException("tensor '" + tensor + "' does not exist in graph '" + graph.graphName()
                    + "' (" + graph.nodes().size() + " nodes; outputs " + outputs
                    + "); list the node outputs with OnnxGraph.nodes() and pick an existing one");
        }
    }

    private static void requireFreeName(OnnxGraph graph, String name) {
        if (name == null || name.isEmpty()) {
            throw new OnnxFormatException("the new output needs a non-empty name");
        }
        if (graph.hasTensor(name) || graph.outputNames().contains(name)) {
            throw new OnnxFormatException("tensor name '" + name + "' is already used in the model; choose another");
        }
    }

    private static String freeName(OnnxGraph graph, String wanted) {
        Set<String> taken = graph.tensorNames();
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    private static String freeNodeName(OnnxGraph graph, String wanted) {
        List<String> taken = graph.nodes().stream().map(OnnxNode::name).toList();
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }
}
