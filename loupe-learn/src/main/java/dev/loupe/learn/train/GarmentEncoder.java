package dev.loupe.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Composers;
import dev.loupe.core.compose.Tensor;
import dev.loupe.learn.nn.GarmentCnn;
import dev.loupe.learn.nn.Nn;
import dev.loupe.learn.nn.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A garment image encoder into a text space: {@link GarmentCnn} features, then a linear projection {@code proj}
 * into the space of the class label vectors, scaled to unit length. Trained (by {@link GarmentEncoderTrainer}) so
 * that an image's vector is closest to its class's label vector; the label vectors are the text encoder's vectors
 * of the class descriptions, centred on their mean (so the ten directions are far apart), which makes the output an
 * image+text embedding: comparable by cosine with the (centred) vectors of texts.
 */
public final class GarmentEncoder {
    private static final float MEAN = 0.286f;
    private static final float STD = 0.353f;

    private final NDManager manager;
    private final Params params;
    private final GarmentCnn cnn;
    private final String space;
    private final float[][] labelVectors;

    GarmentEncoder(NDManager manager, GarmentEncoderConfig c, String space, float[][] labelVectors) {
        this.manager = manager;
        this.params = new Params(manager, c.seed());
        this.cnn = new GarmentCnn(params, c.width(), c.hidden(), c.dropout());
        this.space = space;
        this.labelVectors = centred(labelVectors);
        params.linear("proj", c.hidden(), dimension());
    }

    /** The text space the output lives in. */
    public String space() {
        return space;
    }

    public int dimension() {
        return labelVectors[0].length;
    }

    Params params() {
        return params;
    }

    /** The class vectors [classes, dim]: centred on their mean, unit length. */
    float[][] labelVectors() {
        return labelVectors;
    }

    /** Unit-length output [B, dim] of images [B, 1, 28, 28]. */
    NDArray forward(NDArray images, boolean training) {
        return Nn.l2normalize(Nn.linear(cnn.forward(images, training), params, "proj"));
    }

    /** The unit-length vectors of 28x28 grayscale images (row-major bytes, white garment on black). */
    public float[][] encode(List<byte[]> images) {
        float[][] out = new float[images.size()][];
        int chunk = 500;
        for (int from = 0; from < images.size(); from += chunk) {
            int to = Math.min(images.size(), from + chunk);
            try (NDScope scope = new NDScope()) {
                float[] x = new float[(to - from) * GarmentCnn.SIDE * GarmentCnn.SIDE];
                for (int i = from; i < to; i++) {
                    pixels(images.get(i), false, 0, 0, x, (i - from) * GarmentCnn.SIDE * GarmentCnn.SIDE);
                }
                NDArray y = forward(manager.create(x, new Shape(to - from, 1, GarmentCnn.SIDE, GarmentCnn.SIDE)), false);
                float[] flat = y.toFloatArray();
                int d = dimension();
                for (int i = 0; i < to - from; i++) {
                    out[from + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                }
            }
        }
        return out;
    }

    /**
     * Writes one image's normalized pixels into {@code into} at {@code at}, mirrored and shifted by (dx, dy)
     * pixels if asked (uncovered pixels are background).
     */
    static void pixels(byte[] image, boolean mirror, int dx, int dy, float[] into, int at) {
        int side = GarmentCnn.SIDE;
        if (image.length != side * side) {
            throw new IllegalArgumentException("garment images are " + side + "x" + side + " grayscale bytes, got "
                    + image.length + " bytes");
        }
        float background = -MEAN / STD;
        for (int r = 0; r < side; r++) {
            int sr = r - dy;
            for (int c = 0; c < side; c++) {
                int sc = mirror ? side - 1 - (c - dx) : c - dx;
                into[at + r * side + c] = sr < 0 || sr >= side || sc < 0 || sc >= side ? background
                        : ((image[sr * side + sc] & 0xff) / 255f - MEAN) / STD;
            }
        }
    }

    /**
     * The trained weights as a projection composer file: {@code proj} maps the CNN's features into the text space
     * and the CNN (with its batch-norm statistics) rides along as {@code encoder.image.*} tensors.
     */
    public ComposerFile toFile(String dataset, Map<String, Double> metrics, Map<String, String> properties) {
        List<Tensor> tensors = new ArrayList<>(params.export("proj"));
        tensors.addAll(params.export("encoder."));
        tensors.addAll(cnn.exportBuffers());
        ComposerMetadata md = new ComposerMetadata(Composers.PROJECTION, dataset, space, cnn.hidden(), 0, dimension(),
                "loupe-learn-garment-cnn", space, metrics, properties);
        return new ComposerFile(md, tensors);
    }

    private static float[][] centred(float[][] vectors) {
        if (vectors.length < 2) {
            throw new IllegalArgumentException("need label vectors of at least two classes, got " + vectors.length);
        }
        int d = vectors[0].length;
        float[] mean = new float[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("label vectors differ in length: " + v.length + " vs " + d);
            }
            float[] u = unit(v);
            for (int i = 0; i < d; i++) {
                mean[i] += u[i] / vectors.length;
            }
        }
        float[][] out = new float[vectors.length][];
        for (int k = 0; k < vectors.length; k++) {
            float[] u = unit(vectors[k]);
            for (int i = 0; i < d; i++) {
                u[i] -= mean[i];
            }
            out[k] = unit(u);
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
