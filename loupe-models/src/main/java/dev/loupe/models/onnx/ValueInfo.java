package dev.loupe.models.onnx;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named value's declared type: a graph input, output, or value_info entry.
 *
 * @param elementType the tensor element type ({@link ElementType#UNDEFINED} for non-tensor or untyped values)
 * @param shape       the dimensions, or empty when the rank is not declared
 */
public record ValueInfo(String name, ElementType elementType, Optional<List<Dim>> shape) {
    public ValueInfo {
        shape = shape.map(List::copyOf);
    }

    public static ValueInfo tensor(String name, ElementType elementType, List<Dim> shape) {
        return new ValueInfo(name, elementType, Optional.of(shape));
    }

    @Override
    public String toString() {
        return name + ": " + elementType + shape.map(s -> s.stream().map(Dim::toString)
                .collect(Collectors.joining(",", "[", "]"))).orElse("[?]");
    }
}
