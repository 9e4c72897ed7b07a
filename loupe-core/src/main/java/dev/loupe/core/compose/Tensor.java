package dev.loupe.core.compose;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named dense float tensor, row-major, as stored in a {@link ComposerFile}.
 *
 * @param name  parameter name, e.g. {@code gate1.weight}
 * @param shape dimensions, outermost first
 * @param data  the values, {@code product(shape)} of them
 */
public record Tensor(String name, int[] shape, float[] data) {
    public Tensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": non-positive dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
