package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.loupe.core.compose.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The trainable parameters of a network, by name, as NDArrays with gradients attached. Names follow the
 * {@link dev.loupe.core.compose.ComposerFile} conventions ({@code gate1.weight}, {@code encoder.image.conv1.bias}),
 * so exporting is a copy. Initial values come from a seeded {@link Random}, so runs are reproducible.
 */
public final class Params {
    private final NDManager manager;
    private final Random random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    public Params(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new Random(seed);
    }

    public NDManager manager() {
        return manager;
    }

    /** A weight drawn uniformly from +-sqrt(6 / fanIn) (He/Kaiming uniform, suited to ReLU). */
    public NDArray he(String name, int fanIn, long... shape) {
        return uniform(name, (float) Math.sqrt(6.0 / fanIn), shape);
    }

    /** A weight drawn uniformly from +-bound. */
    public NDArray uniform(String name, float bound, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return put(name, manager.create(v, s));
    }

    /** A parameter filled with {@code value}. */
    public NDArray constant(String name, float value, long... shape) {
        return put(name, manager.full(new Shape(shape), value, DataType.FLOAT32));
    }

    /** A linear layer {@code prefix.weight} [out, in] and {@code prefix.bias} [out]. */
    public void linear(String prefix, int in, int out) {
        he(prefix + ".weight", in, out, in);
        uniform(prefix + ".bias", (float) (1 / Math.sqrt(in)), out);
    }

    private NDArray put(String name, NDArray a) {
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " defined twice");
        }
        a.setRequiresGradient(true);
        arrays.put(name, a);
        return a;
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name + "; have " + arrays.keySet());
        }
        return a;
    }

    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Total number of scalar parameters. */
    public long count() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Copies the parameters whose names start with {@code prefix} (all when empty) into plain tensors. */
    public List<Tensor> export(String prefix) {
        List<Tensor> out = new ArrayList<>();
        arrays.forEach((name, a) -> {
            if (name.startsWith(prefix)) {
                long[] s = a.getShape().getShape();
                int[] shape = new int[s.length == 0 ? 1 : s.length];
                if (s.length == 0) {
                    shape[0] = 1;
                }
                for (int i = 0; i < s.length; i++) {
                    shape[i] = Math.toIntExact(s[i]);
                }
                out.add(new Tensor(name, shape, a.toFloatArray()));
            }
        });
        return out;
    }

    /** Overwrites parameters with the values of same-named tensors (shapes must match); returns how many. */
    public int load(Iterable<Tensor> tensors) {
        int n = 0;
        for (Tensor t : tensors) {
            NDArray a = arrays.get(t.name());
            if (a == null) {
                continue;
            }
            if (a.getShape().size() != t.data().length) {
                throw new IllegalArgumentException("tensor " + t.name() + " has " + t.data().length
                        + " values; parameter needs " + a.getShape());
            }
            a.set(t.data());
            n++;
        }
        return n;
    }
}
