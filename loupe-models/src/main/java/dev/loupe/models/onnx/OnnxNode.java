package dev.loupe.models.onnx;

import java.util.List;
import java.util.Optional;

/**
 * One node of a graph: an operator applied to named inputs, producing named outputs.
 *
 * @param domain the operator set domain, "" for the default ONNX domain
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public Optional<OnnxAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    @Override
    public String toString() {
        return (domain.isEmpty() ? "" : domain + ".") + opType + (name.isEmpty() ? "" : " '" + name + "'")
                + " " + inputs + " -> " + outputs;
    }
}
