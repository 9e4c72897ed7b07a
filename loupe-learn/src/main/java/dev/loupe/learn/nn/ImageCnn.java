package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Small CNN image encoder trained from scratch: four 3x3 convolutions with ReLU (strides 2, 2, 1, 2), giving a
 * feature map of {@code channels} x g x g (g = 4 for 28- or 32-pixel inputs), average-pooled and mapped to
 * {@code embedDim}. Parameters are named {@code encoder.image.*}.
 */
public final class ImageCnn {
    private static final int[] STRIDES = {2, 2, 1, 2};
    private final Params p;
    private final int[] widths;
    private final int embedDim;
    private final int grid;

    /** @param width channels of the first convolution; later ones use 2x, 4x, 4x. */
    public ImageCnn(Params p, int imageSize, int width, int embedDim) {
        this.p = p;
        this.embedDim = embedDim;
        this.widths = new int[] {3, width, 2 * width, 4 * width, 4 * width};
        int s = imageSize;
        for (int i = 0; i < STRIDES.length; i++) {
            p.he("encoder.image.conv" + (i + 1) + ".weight", widths[i] * 9, widths[i + 1], widths[i], 3, 3);
            p.constant("encoder.image.conv" + (i + 1) + ".bias", 0f, widths[i + 1]);
            s = (s + 2 - 3) / STRIDES[i] + 1;
        }
        this.grid = s;
        p.linear("encoder.image.fc", channels(), embedDim);
    }

    public int channels() {
        return widths[widths.length - 1];
    }

    /** Side of the final feature map. */
    public int grid() {
        return grid;
    }

    public int embedDim() {
        return embedDim;
    }

    /** The feature map [B, channels, grid, grid] of images [B, 3, H, W]. */
    public NDArray featureMap(NDArray images) {
        NDArray x = images;
        for (int i = 0; i < STRIDES.length; i++) {
            String n = "encoder.image.conv" + (i + 1);
            x = Nn.relu(Conv2d.conv2d(x, p.get(n + ".weight"), p.get(n + ".bias"), new Shape(STRIDES[i], STRIDES[i]),
                    new Shape(1, 1)).singletonOrThrow());
        }
        return x;
    }

    /** The embedding [B, embedDim] of a feature map. */
    public NDArray embed(NDArray featureMap) {
        return Nn.linear(featureMap.mean(new int[] {3}).mean(new int[] {2}), p, "encoder.image.fc");
    }

    /** The map flattened cell by cell, [B, grid*grid*channels], as the relational composer reads it. */
    public static NDArray cells(NDArray featureMap) {
        Shape s = featureMap.getShape();
        return featureMap.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(1) * s.get(2) * s.get(3));
    }
}
