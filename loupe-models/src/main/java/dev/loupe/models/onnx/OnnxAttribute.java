package dev.loupe.models.onnx;

import java.util.List;

/**
 * A node attribute. The builder writes the first five kinds; attributes of other kinds (tensors, graphs, strings
 * lists...) read from a model appear as {@link Other} with their onnx.proto AttributeType code.
 */
public sealed interface OnnxAttribute {
    String name();

    record IntValue(String name, long value) implements OnnxAttribute {
    }

    record FloatValue(String name, float value) implements OnnxAttribute {
    }

    record StringValue(String name, String value) implements OnnxAttribute {
    }

    record IntList(String name, List<Long> values) implements OnnxAttribute {
        public IntList {
            values = List.copyOf(values);
        }
    }

    record FloatList(String name, List<Float> values) implements OnnxAttribute {
        public FloatList {
            values = List.copyOf(values);
        }
    }

    /** An attribute of a kind this package does not decode; {@code type} is its AttributeType code. */
    record Other(String name, int type) implements OnnxAttribute {
    }

    static OnnxAttribute integer(String name, long value) {
        return new IntValue(name, value);
    }

    static OnnxAttribute real(String name, float value) {
        return new FloatValue(name, value);
    }

    static OnnxAttribute string(String name, String value) {
        return new StringValue(name, value);
    }

    static OnnxAttribute ints(String name, long... values) {
        return new IntList(name, java.util.Arrays.stream(values).boxed().toList());
    }

    static OnnxAttribute reals(String name, float... values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return new FloatList(name, List.of(boxed));
    }
}
