package dev.loupe.models.onnx;

import dev.loupe.models.onnx.proto.OnnxProto.GraphProto;
import dev.loupe.models.onnx.proto.OnnxProto.ModelProto;
import dev.loupe.models.onnx.proto.OnnxProto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes small ONNX models from Java: initializers (stored as TensorProto raw_data), typed graph inputs and outputs
 * with fixed or symbolic dimensions, nodes with attributes, opset imports. Test scope (other modules' tests reach it
 * through loupe-models' test-jar): it builds deterministic test models, not large networks (everything is held in
 * memory).
 *
 * <pre>{@code
 * byte[] model = new OnnxModelBuilder("tiny")
 *         .opset("", 13)
 *         .input("x", ElementType.FLOAT, Dim.named("N"), Dim.of(4))
 *         .floatInitializer("w", new long[]{4, 2}, weights)
 *         .node("MatMul", List.of("x", "w"), List.of("y"))
 *         .output("y", ElementType.FLOAT, Dim.named("N"), Dim.of(2))
 *         .build();
 * }</pre>
 * A builder is not thread-safe; {@link #build()} may be called more than once.
 */
public final class OnnxModelBuilder {
    /** IR version 8 (ONNX 1.10): understood by every current ONNX Runtime. */
    public static final long DEFAULT_IR_VERSION = 8;

    private final String graphName;
    private long irVersion = DEFAULT_IR_VERSION;
    private String producerName = "loupe";
    private String producerVersion = "";
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> initializerNames = new HashSet<>();

    public OnnxModelBuilder(String graphName) {
        this.graphName = graphName;
    }

    public OnnxModelBuilder irVersion(long version) {
        this.irVersion = version;
        return this;
    }

    public OnnxModelBuilder producer(String name, String version) {
        this.producerName = name;
        this.producerVersion = version;
        return this;
    }

    /** Imports an operator set; domain "" is the default ONNX domain. */
    public OnnxModelBuilder opset(String domain, long version) {
        opsets.put(domain, version);
        return this;
    }

    public OnnxModelBuilder input(String name, ElementType type, Dim... shape) {
        inputs.add(ValueInfo.tensor(name, type, List.of(shape)));
        return this;
    }

    public OnnxModelBuilder output(String name, ElementType type, Dim... shape) {
        outputs.add(ValueInfo.tensor(name, type, List.of(shape)));
        return this;
    }

    /** A float constant; {@code data} is in row-major order and must have as many values as {@code dims} says. */
    public OnnxModelBuilder floatInitializer(String name, long[] dims, float[] data) {
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(4, data.length)).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return initializer(name, ElementType.FLOAT, dims, data.length, raw.array());
    }

    /** An int64 constant (shapes, axes, indices). */
    public OnnxModelBuilder int64Initializer(String name, long[] dims, long[] data) {
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(8, data.length)).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        return initializer(name, ElementType.INT64, dims, data.length, raw.array());
    }

    private OnnxModelBuilder initializer(String name, ElementType type, long[] dims, int count, byte[] raw) {
        long expected = Arrays.stream(dims).reduce(1L, Math::multiplyExact);
        if (expected != count) {
            throw new IllegalArgumentException("initializer '" + name + "': dims " + Arrays.toString(dims)
                    + " need " + expected + " values, got " + count);
        }
        if (!initializerNames.add(name)) {
            throw new IllegalArgumentException("initializer '" + name + "' is defined twice");
        }
        initializers.add(OnnxMessages.tensor(name, type, dims, raw));
        return this;
    }

    /** Adds a node of the default domain, named after its op type and position. */
    public OnnxModelBuilder node(String opType, List<String> inputs, List<String> outputs,
                                 OnnxAttribute... attributes) {
        return node(new OnnxNode(opType + "_" + nodes.size(), opType, "", inputs, outputs, List.of(attributes)));
    }

    public OnnxModelBuilder node(OnnxNode node) {
        nodes.add(node);
        return this;
    }

    /**
     * Serializes the ModelProto.
     *
     * @throws OnnxFormatException if the graph is not well formed (see {@link OnnxGraph#problems()})
     */
    public byte[] build() {
        if (opsets.isEmpty()) {
            throw new OnnxFormatException("model '" + graphName + "' imports no opset; call opset(\"\", version)");
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName).addAllInitializer(initializers);
        nodes.forEach(n -> graph.addNode(OnnxMessages.node(n)));
        inputs.forEach(i -> graph.addInput(OnnxMessages.valueInfo(i)));
        outputs.forEach(o -> graph.addOutput(OnnxMessages.valueInfo(o)));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(irVersion).setProducerName(producerName)
                .setGraph(graph);
        if (!producerVersion.isEmpty()) {
            model.setProducerVersion(producerVersion);
        }
        opsets.forEach((domain, version) -> model.addOpsetImport(OnnxMessages.opset(new OpsetImport(domain, version))));
        byte[] bytes = model.build().toByteArray();
        OnnxGraph.parse(bytes, "model '" + graphName + "'").validate();
        return bytes;
    }
}
