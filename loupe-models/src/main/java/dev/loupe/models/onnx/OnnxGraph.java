package dev.loupe.models.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.loupe.models.onnx.proto.OnnxProto.GraphProto;
import dev.loupe.models.onnx.proto.OnnxProto.ModelProto;
import dev.loupe.models.onnx.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Read-only view of an ONNX model's main graph: inputs, outputs, nodes, initializers (names, types, shapes — not
 * tensor data) and opset imports. Used to check that a model file is what a descriptor says it is, and to explain
 * what is inside a model ({@link #describe()}). Subgraphs of control-flow nodes are not opened.
 */
public final class OnnxGraph {
    private final String source;
    private final long irVersion;
    private final String producer;
    private final List<OpsetImport> opsets;
    private final String graphName;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final List<ValueInfo> valueInfos;
    private final List<OnnxNode> nodes;
    private final List<TensorInfo> initializers;
    private final Set<String> externalDataFiles;
    private final Map<String, OnnxNode> producers = new HashMap<>();

    private OnnxGraph(String source, ModelProto model) {
        this.source = source;
        this.irVersion = model.getIrVersion();
        String version = model.getProducerVersion();
        this.producer = model.getProducerName() + (version.isEmpty() ? "" : " " + version);
        this.opsets = model.getOpsetImportList().stream().map(OnnxMessages::readOpset).toList();
        if (!model.hasGraph()) {
            throw new OnnxFormatException(source + ": ModelProto has no graph (field 7); the file is not an ONNX model");
        }
        GraphProto graph = model.getGraph();
        this.graphName = graph.getName();
        this.inputs = valueInfos(graph.getInputList());
        this.outputs = valueInfos(graph.getOutputList());
        this.valueInfos = valueInfos(graph.getValueInfoList());
        this.nodes = graph.getNodeList().stream().map(OnnxMessages::readNode).toList();
        this.initializers = graph.getInitializerList().stream().map(OnnxMessages::readTensorInfo).toList();
        this.externalDataFiles = graph.getInitializerList().stream()
                .flatMap(t -> t.getExternalDataList().stream())
                .filter(e -> e.getKey().equals("location")).map(e -> e.getValue())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        for (OnnxNode n : nodes) {
            n.outputs().stream().filter(o -> !o.isEmpty()).forEach(o -> producers.putIfAbsent(o, n));
        }
    }

    /**
     * Parses a serialized ModelProto.
     *
     * @param source names the model in error messages (a file name)
     * @throws OnnxFormatException if the bytes are not an ONNX model
     */
    public static OnnxGraph parse(byte[] model, String source) {
        if (model.length == 0) {
            throw new OnnxFormatException(source + " is empty; expected an ONNX model");
        }
        ModelProto proto;
        try {
            // tensor bytes become views of the array instead of copies (a 300 MB model parses in about 1 ms instead
            // of 2-3 s, OnnxParseBench); safe because no ByteString outlives this method: only names, types and
            // shapes are kept
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(model).newCodedInput();
            in.enableAliasing(true);
            proto = ModelProto.parseFrom(in);
        } catch (IOException e) { // InvalidProtocolBufferException: reading an array does no other I/O
            throw new OnnxFormatException(source + " is not a valid protobuf message (" + e.getMessage()
                    + "); the file is corrupt or not an ONNX model", e);
        }
        if (proto.getIrVersion() <= 0) {
            throw new OnnxFormatException(source + ": ModelProto.ir_version (field 1) is missing; not an ONNX model");
        }
        return new OnnxGraph(source, proto);
    }

    /** Reads and parses a model file. */
    public static OnnxGraph read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    private static List<ValueInfo> valueInfos(List<ValueInfoProto> protos) {
        return protos.stream().map(OnnxMessages::readValueInfo).toList();
    }

    public String source() {
        return source;
    }

    public long irVersion() {
        return irVersion;
    }

    /** producer_name and producer_version, e.g. "onnx.quantize 0.1.0", or "" if absent. */
    public String producer() {
        return producer;
    }

    public List<OpsetImport> opsetImports() {
        return opsets;
    }

    /** The imported version of a domain ("" = default ONNX domain). */
    public OptionalLong opsetVersion(String domain) {
        String d = domain.equals("ai.onnx") ? "" : domain;
        return opsets.stream().filter(o -> o.domain().equals(d)).mapToLong(OpsetImport::version).max();
    }

    public String graphName() {
        return graphName;
    }

    /** Declared graph inputs, including (in older models) inputs that are also initializers. */
    public List<ValueInfo> inputs() {
        return inputs;
    }

    /** Graph inputs that the caller must feed: declared inputs minus initializers. */
    public List<ValueInfo> runtimeInputs() {
        Set<String> init = initializerNames();
        return inputs.stream().filter(i -> !init.contains(i.name())).toList();
    }

    public List<String> inputNames() {
        return runtimeInputs().stream().map(ValueInfo::name).toList();
    }

    public List<ValueInfo> outputs() {
        return outputs;
    }

    public List<String> outputNames() {
        return outputs.stream().map(ValueInfo::name).toList();
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    public List<TensorInfo> initializers() {
        return initializers;
    }

    /**
     * The files, relative to the model file's folder, that hold initializers stored outside it (models over 2 GB
     * are saved that way); empty for a self-contained file.
     */
    public Set<String> externalDataFiles() {
        return java.util.Collections.unmodifiableSet(externalDataFiles);
    }

    public Set<String> initializerNames() {
        return initializers.stream().map(TensorInfo::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Op type → number of nodes, most frequent first. */
    public Map<String, Long> opTypeCounts() {
        Map<String, Long> counts = nodes.stream().collect(Collectors.groupingBy(OnnxNode::opType, Collectors.counting()));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The node whose output is the named tensor. */
    public Optional<OnnxNode> producerOf(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** Whether a tensor of this name exists: a graph input, an initializer or a node output. */
    public boolean hasTensor(String tensor) {
        return producers.containsKey(tensor) || initializerNames().contains(tensor)
                || inputs.stream().anyMatch(i -> i.name().equals(tensor));
    }

    /** All tensor names of the graph (inputs, initializers, node outputs). */
    public Set<String> tensorNames() {
        Set<String> names = new HashSet<>(producers.keySet());
        names.addAll(initializerNames());
        inputs.forEach(i -> names.add(i.name()));
        return names;
    }

    /** The declared type of a tensor, from the graph inputs, outputs or value_info, if the model declares it. */
    public Optional<ValueInfo> valueInfo(String tensor) {
        Optional<ValueInfo> declared = Stream.of(inputs, outputs, valueInfos).flatMap(List::stream)
                .filter(v -> v.name().equals(tensor)).findFirst();
        if (declared.isPresent()) {
            return declared;
        }
        return initializers.stream().filter(t -> t.name().equals(tensor)).findFirst().map(t -> ValueInfo.tensor(
                t.name(), t.elementType(), t.dims().stream().map(Dim::of).toList()));
    }

    /**
     * Structural problems: no default-domain opset, nodes reading tensors that no input, initializer or earlier node
     * provides (nodes must be topologically sorted), graph outputs that nothing produces, names produced twice.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (opsetVersion("").isEmpty() && nodes.stream().anyMatch(n -> n.domain().isEmpty())) {
            problems.add("no opset_import for the default ONNX domain");
        }
        Set<String> available = new HashSet<>(initializerNames());
        inputs.forEach(i -> available.add(i.name()));
        for (int i = 0; i < nodes.size(); i++) {
            OnnxNode n = nodes.get(i);
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !available.contains(in)) {
                    problems.add("node[" + i + "] " + n + " reads '" + in + "' which is not defined before it");
                }
            }
            for (String out : n.outputs()) {
                if (!out.isEmpty() && !available.add(out)) {
                    problems.add("node[" + i + "] " + n + " writes '" + out + "' which is already defined");
                }
            }
        }
        for (ValueInfo o : outputs) {
            if (!available.contains(o.name())) {
                problems.add("graph output '" + o.name() + "' is produced by no node");
            }
        }
        return problems;
    }

    /** Throws if {@link #problems()} finds any, listing them. */
    public OnnxGraph validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new OnnxFormatException(source + " is not a valid ONNX graph: " + String.join("; ", problems));
        }
        return this;
    }

    /** A human-readable summary: producer, opsets, inputs, outputs, initializer count, op types. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ONNX IR v").append(irVersion);
        if (!producer.isEmpty()) {
            sb.append(", produced by ").append(producer);
        }
        sb.append('\n').append("  opsets:  ").append(opsets).append('\n');
        sb.append("  graph:   ").append(graphName.isEmpty() ? "(unnamed)" : graphName).append(", ")
                .append(nodes.size()).append(" nodes, ").append(initializers.size()).append(" initializers\n");
        runtimeInputs().forEach(i -> sb.append("  input:   ").append(i).append('\n'));
        outputs.forEach(o -> sb.append("  output:  ").append(o).append('\n'));
        sb.append("  ops:     ").append(opTypeCounts().entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "OnnxGraph[" + source + ", " + nodes.size() + " nodes, inputs=" + inputNames() + ", outputs="
                + outputNames() + "]";
    }
}
