package dev.loupe.models.onnx;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Small, conservative shape facts about a graph, for declaring the type of a new output: the batch dimension of the
 * input, and the channel count of a feature map. Not a shape inference engine: it answers only when sure.
 */
final class ShapeHints {
    /** Ops whose first output has the channel count of their first input. */
    private static final Set<String> CHANNEL_PRESERVING = Set.of("DequantizeLinear", "QuantizeLinear", "Relu",
            "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "LeakyRelu", "Identity", "BatchNormalization",
            "QLinearLeakyRelu", "QLinearSigmoid");
    private static final int MAX_STEPS = 32;

    private ShapeHints() {
    }

    /** The first dimension of the first runtime input (the batch), or a symbolic "N". */
    static Dim batch(OnnxGraph graph) {
        return graph.runtimeInputs().stream().findFirst().flatMap(ValueInfo::shape)
                .filter(s -> !s.isEmpty()).map(s -> s.get(0))
                .filter(d -> d.isFixed() || !d.param().isEmpty()).orElse(Dim.named("N"));
    }

    /** Dimension 1 of a tensor: from its declared shape, or from the weight of the convolution that produced it. */
    static Optional<Long> channels(OnnxGraph graph, String tensor) {
        String current = tensor;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Long> declared = graph.valueInfo(current).flatMap(ValueInfo::shape)
                    .filter(s -> s.size() >= 2 && s.get(1).isFixed()).map(s -> s.get(1).value());
            if (declared.isPresent()) {
                return declared;
            }
            Optional<OnnxNode> producer = graph.producerOf(current);
            if (producer.isEmpty() || producer.get().inputs().isEmpty()) {
                return Optional.empty();
            }
            OnnxNode node = producer.get();
            Optional<String> weight = switch (node.opType()) {
                case "Conv", "ConvInteger" -> input(node, 1);
                case "QLinearConv" -> input(node, 3);
                default -> Optional.empty();
            };
            if (weight.isPresent()) {
                return graph.initializers().stream().filter(t -> t.name().equals(weight.get()))
                        .map(TensorInfo::dims).filter(d -> !d.isEmpty()).map(d -> d.get(0)).findFirst();
            }
            if (!CHANNEL_PRESERVING.contains(node.opType())) {
                return Optional.empty();
            }
            current = node.inputs().get(0);
        }
        return Optional.empty();
    }

    private static Optional<String> input(OnnxNode node, int index) {
        List<String> inputs = node.inputs();
        return index < inputs.size() ? Optional.of(inputs.get(index)) : Optional.empty();
    }
}
