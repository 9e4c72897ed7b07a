package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.loupe.core.compose.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CNN for 28x28 grayscale garments, trained from scratch: three 3x3 convolutions (widths w, 2w, 4w), each followed
 * by batch normalization, ReLU and 2x2 max pooling (28 → 14 → 7 → 4), then a fully connected layer to
 * {@code hidden} units with batch normalization, ReLU and dropout. Parameters are named {@code encoder.image.*};
 * the batch-norm running statistics are buffers outside {@link Params} (no gradient), exported with them.
 */
public final class GarmentCnn {
    public static final int SIDE = 28;
    private static final String PREFIX = "encoder.image.";
    private static final float BN_MOMENTUM = 0.9f;
    private static final float BN_EPS = 1e-5f;

    private final Params p;
    private final int[] widths;
    private final int hidden;
    private final float dropout;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /**
     * @param width   channels of the first convolution; the others have 2x and 4x
     * @param hidden  size of the output features
     * @param dropout dropout rate on the output features while training
     */
    public GarmentCnn(Params p, int width, int hidden, float dropout) {
        if (width < 1 || hidden < 1 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("GarmentCnn needs width, hidden >= 1 and dropout in [0, 1); got "
                    + width + ", " + hidden + ", " + dropout);
        }
        this.p = p;
        this.widths = new int[] {1, width, 2 * width, 4 * width};
        this.hidden = hidden;
        this.dropout = dropout;
        for (int i = 1; i < widths.length; i++) {
            String n = PREFIX + "conv" + i;
            p.he(n + ".weight", widths[i - 1] * 9, widths[i], widths[i - 1], 3, 3);
            p.constant(n + ".bias", 0f, widths[i]);
            norm(PREFIX + "bn" + i, widths[i]);
        }
        p.linear(PREFIX + "fc", flatSize(), hidden);
        norm(PREFIX + "bnfc", hidden);
    }

    public int hidden() {
        return hidden;
    }

    /** Values in a row of the flattened last feature map: 4w channels of 4x4 cells. */
    private int flatSize() {
        return widths[widths.length - 1] * 16;
    }

    private void norm(String name, int channels) {
        p.constant(name + ".gamma", 1f, channels);
        p.constant(name + ".beta", 0f, channels);
        buffers.put(name + ".running_mean", p.manager().zeros(new Shape(channels)));
        buffers.put(name + ".running_var", p.manager().ones(new Shape(channels)));
    }

    /**
     * The features [B, hidden] of images [B, 1, 28, 28]. While {@code training}, batch statistics normalize (and
     * update the running ones) and dropout is on; otherwise the running statistics are used.
     */
    public NDArray forward(NDArray images, boolean training) {
        NDArray x = images;
        for (int i = 1; i < widths.length; i++) {
            String n = PREFIX + "conv" + i;
            x = Conv2d.conv2d(x, p.get(n + ".weight"), p.get(n + ".bias"), new Shape(1, 1), new Shape(1, 1))
                    .singletonOrThrow();
            x = Nn.relu(batchNorm(x, PREFIX + "bn" + i, training));
            x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true);
        }
        x = x.reshape(x.getShape().get(0), flatSize());
        x = Nn.relu(batchNorm(Nn.linear(x, p, PREFIX + "fc"), PREFIX + "bnfc", training));
        return training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
    }

    private NDArray batchNorm(NDArray x, String name, boolean training) {
        return BatchNorm.batchNorm(x, buffers.get(name + ".running_mean"), buffers.get(name + ".running_var"),
                p.get(name + ".gamma"), p.get(name + ".beta"), 1, BN_MOMENTUM, BN_EPS, training).singletonOrThrow();
    }

    /** The running statistics as tensors (named like the parameters). */
    public List<Tensor> exportBuffers() {
        List<Tensor> out = new ArrayList<>();
        buffers.forEach((name, a) -> out.add(new Tensor(name, new int[] {Math.toIntExact(a.getShape().get(0))},
                a.toFloatArray())));
        return out;
    }

    /** A copy of running statistics {@code name} (for tests and checks). */
    float[] buffer(String name) {
        return buffers.get(name).toFloatArray();
    }
}
