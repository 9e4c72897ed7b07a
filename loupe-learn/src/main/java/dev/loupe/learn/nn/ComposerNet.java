package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.loupe.core.compose.Composers;
import java.util.Map;

/**
 * The trainable composer head in DJL, one per method of {@link Composers}; its parameters carry exactly the names
 * the pure-Java composers of {@code dev.loupe.core.compose} read, and {@link #forward} computes the same function
 * (a test checks both agree on the same weights).
 *
 * @param method   a {@link Composers} method name other than projection
 * @param imageDim image embedding size (also the output size)
 * @param textDim  text feature size
 * @param hidden   hidden width of the MLPs
 * @param grid     feature-map side (relation only)
 * @param channels feature-map channels (relation only)
 */
public record ComposerNet(Params p, String method, int imageDim, int textDim, int hidden, int grid, int channels) {
    /** Creates the head's parameters in {@code p}. */
    public static ComposerNet create(Params p, String method, int imageDim, int textDim, int hidden, int grid,
                                     int channels) {
        int cat = imageDim + textDim;
        switch (method) {
            case Composers.IMAGE_ONLY -> {
            }
            case Composers.TEXT_ONLY -> p.linear("proj", textDim, imageDim);
            case Composers.CONCAT -> {
                p.linear("mlp1", cat, hidden);
                p.linear("mlp2", hidden, imageDim);
            }
            case Composers.TIRG -> {
                p.linear("gate1", cat, hidden);
                p.linear("gate2", hidden, imageDim);
                p.linear("res1", cat, hidden);
                p.linear("res2", hidden, imageDim);
                p.constant("w_g", 1f, 1);
                p.constant("w_r", 1f, 1);
            }
            case Composers.FILM -> {
                p.linear("gamma", textDim, imageDim);
                p.linear("beta", textDim, imageDim);
                p.get("gamma.weight").muli(0.1f);
            }
            case Composers.RELATION -> {
                p.linear("g1", 2 * (channels + 2) + textDim, hidden);
                p.linear("g2", hidden, hidden);
                p.linear("f1", hidden, hidden);
                p.linear("f2", hidden, imageDim);
            }
            default -> throw new IllegalArgumentException("unknown composer method '" + method + "'; use one of "
                    + Composers.METHODS.subList(0, 6));
        }
        return new ComposerNet(p, method, imageDim, textDim, hidden, grid, channels);
    }

    /** Whether the head reads the CNN's feature map instead of the pooled image vector. */
    public boolean needsFeatureMap() {
        return method.equals(Composers.RELATION);
    }

    /** Input size the head takes from the image side (pooled vector or flattened map). */
    public int imageInputDim() {
        return needsFeatureMap() ? grid * grid * channels : imageDim;
    }

    /** Method-specific metadata the pure-Java composer needs. */
    public Map<String, String> properties() {
        return needsFeatureMap() ? Map.of("relation.grid", Integer.toString(grid), "relation.channels",
                Integer.toString(channels)) : Map.of();
    }

    /**
     * @param image [B, imageDim] pooled image vectors, or for relation [B, grid*grid*channels] flattened maps
     * @param text  [B, textDim] text features
     */
    public NDArray forward(NDArray image, NDArray text) {
        return switch (method) {
            case Composers.IMAGE_ONLY -> image;
            case Composers.TEXT_ONLY -> Nn.linear(text, p, "proj");
            case Composers.CONCAT -> Nn.linear(Nn.relu(Nn.linear(image.concat(text, 1), p, "mlp1")), p, "mlp2");
            case Composers.TIRG -> {
                NDArray c = image.concat(text, 1);
                NDArray gate = Activation.sigmoid(Nn.linear(Nn.relu(Nn.linear(c, p, "gate1")), p, "gate2"));
                NDArray res = Nn.linear(Nn.relu(Nn.linear(c, p, "res1")), p, "res2");
                yield gate.mul(image).mul(p.get("w_g")).add(res.mul(p.get("w_r")));
            }
            case Composers.FILM -> Nn.linear(text, p, "gamma").add(1f).mul(image).add(Nn.linear(text, p, "beta"));
            case Composers.RELATION -> relation(image, text);
            default -> throw new IllegalStateException(method);
        };
    }

    private NDArray relation(NDArray cells, NDArray text) {
        long b = cells.getShape().get(0);
        int n = grid * grid;
        NDManager m = cells.getManager();
        float[] coords = new float[n * 2];
        for (int k = 0; k < n; k++) {
            coords[2 * k] = coordinate(k / grid);
            coords[2 * k + 1] = coordinate(k % grid);
        }
        NDArray xy = m.create(coords, new Shape(1, n, 2)).broadcast(b, n, 2);
        NDArray obj = cells.reshape(b, n, channels).concat(xy, 2); // [B, n, C+2]
        int o = channels + 2;
        NDArray oi = obj.expandDims(2).broadcast(b, n, n, o);
        NDArray oj = obj.expandDims(1).broadcast(b, n, n, o);
        NDArray tt = text.expandDims(1).expandDims(1).broadcast(b, n, n, textDim);
        NDArray pairs = NDArrays.concat(new NDList(oi, oj, tt), 3).reshape(b * n * n, 2L * o + textDim);
        NDArray g = Nn.relu(Nn.linear(Nn.relu(Nn.linear(pairs, p, "g1")), p, "g2"));
        NDArray pooled = g.reshape(b, (long) n * n, hidden).mean(new int[] {1});
        return Nn.linear(Nn.relu(Nn.linear(pooled, p, "f1")), p, "f2");
    }

    private float coordinate(int i) {
        return grid == 1 ? 0f : -1f + 2f * i / (grid - 1);
    }
}
