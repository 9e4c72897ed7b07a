package dev.loupe.models.onnx;

import java.util.List;

/**
 * Description of an initializer (a constant tensor stored in the model), without its data.
 *
 * @param external whether the data lives in an external file rather than inside the model
 */
public record TensorInfo(String name, ElementType elementType, List<Long> dims, boolean external) {
    public TensorInfo {
        dims = List.copyOf(dims);
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        return dims.stream().mapToLong(Long::longValue).reduce(1L, Math::multiplyExact);
    }
}
