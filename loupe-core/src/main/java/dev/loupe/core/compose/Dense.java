package dev.loupe.core.compose;

/**
 * A fully connected layer {@code y = W x + b}, with W stored [out, in] as in PyTorch/DJL's Linear.
 */
public record Dense(float[] weight, float[] bias, int in, int out) {
    public Dense {
        if (weight.length != in * out || bias.length != out) {
            throw new IllegalArgumentException("dense layer: weight needs " + in * out + " and bias " + out
                    + " values, got " + weight.length + " and " + bias.length);
        }
    }

    /** Builds the layer from tensors {@code prefix.weight} [out, in] and {@code prefix.bias} [out]. */
    public static Dense of(ComposerFile file, String prefix) {
        Tensor w = file.tensor(prefix + ".weight");
        Tensor b = file.tensor(prefix + ".bias");
        if (w.rank() != 2 || b.rank() != 1 || b.dim(0) != w.dim(0)) {
            throw new IllegalArgumentException(file.describe() + ": layer " + prefix + " has weight " + w
                    + " and bias " + b + "; expected [out, in] and [out]");
        }
        return new Dense(w.data(), b.data(), w.dim(1), w.dim(0));
    }

    public float[] apply(float[] x) {
        if (x.length != in) {
            throw new IllegalArgumentException("dense layer expects " + in + " inputs, got " + x.length);
        }
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double s = bias[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += (double) weight[row + i] * x[i];
            }
            y[o] = (float) s;
        }
        return y;
    }

    static float[] relu(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.max(0f, x[i]);
        }
        return r;
    }

    static float[] sigmoid(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
        return r;
    }
}
