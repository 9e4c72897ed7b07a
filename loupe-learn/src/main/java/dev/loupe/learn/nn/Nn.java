package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/** Stateless layer functions over {@link Params}. */
public final class Nn {
    private Nn() {
    }

    /** {@code x W^T + b} with {@code prefix.weight}, {@code prefix.bias}. */
    public static NDArray linear(NDArray x, Params p, String prefix) {
        return Linear.linear(x, p.get(prefix + ".weight"), p.get(prefix + ".bias")).singletonOrThrow();
    }

    public static NDArray relu(NDArray x) {
        return x.maximum(0f);
    }

    /** Rows scaled to unit length. */
    public static NDArray l2normalize(NDArray x) {
        return x.normalize(2, 1, 1e-8);
    }
}
