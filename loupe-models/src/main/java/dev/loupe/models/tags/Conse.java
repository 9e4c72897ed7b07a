package dev.loupe.models.tags;

import dev.loupe.core.Vectors;

import java.util.List;

/**
 * Convex combination of semantic embeddings (ConSE, Norouzi et al. 2014): an image's semantic vector is the
 * normalised sum over its top-k classes of p(class | image) times the text embedding of that class's prompt.
 * The result lives in the text encoder's space, so any text (including words that are no ImageNet class) can be
 * compared with it.
 */
public final class Conse {
    private final float[][] classEmbeddings;
    private final int topK;
    private final float temperature;

    /**
     * @param classEmbeddings unit text embeddings of the class prompts, in the classifier's output order
     * @param topK            how many of the most probable classes to combine
     * @param temperature     softmax temperature applied to the logits (1 = the classifier's own probabilities)
     */
    public Conse(float[][] classEmbeddings, int topK, float temperature) {
        if (topK < 1 || topK > classEmbeddings.length) {
            throw new IllegalArgumentException("topK must be in 1.." + classEmbeddings.length + ", got " + topK);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.classEmbeddings = classEmbeddings;
        this.topK = topK;
        this.temperature = temperature;
    }

    public int dimension() {
        return classEmbeddings[0].length;
    }

    /** Softmax probabilities of the logits at this instance's temperature. */
    public float[] probabilities(float[] logits) {
        if (logits.length != classEmbeddings.length) {
            throw new IllegalArgumentException("expected " + classEmbeddings.length + " logits, got " + logits.length);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= (float) sum;
        }
        return p;
    }

    /** The image's unit semantic vector. */
    public float[] embed(float[] logits) {
        float[] p = probabilities(logits);
        int[] top = topIndices(p, topK);
        float[] v = new float[dimension()];
        for (int c : top) {
            float[] e = classEmbeddings[c];
            for (int d = 0; d < v.length; d++) {
                v[d] += p[c] * e[d];
            }
        }
        return Vectors.normalize(v);
    }

    /**
     * The unit semantic vector of several views of one image (test-time augmentation, e.g. the image and its
     * mirror): the views' ConSE vectors are averaged, then normalised.
     */
    public float[] embedViews(List<float[]> logitsPerView) {
        if (logitsPerView.isEmpty()) {
            throw new IllegalArgumentException("no views to embed");
        }
        float[] sum = new float[dimension()];
        for (float[] logits : logitsPerView) {
            sum = Vectors.add(sum, embed(logits));
        }
        return Vectors.normalize(sum);
    }

    /** Indices of the {@code k} largest values, largest first. */
    public static int[] topIndices(float[] values, int k) {
        int[] idx = new int[Math.min(k, values.length)];
        float[] best = new float[idx.length];
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v <= best[idx.length - 1]) {
                continue;
            }
            int j = idx.length - 1;
            while (j > 0 && best[j - 1] < v) {
                best[j] = best[j - 1];
                idx[j] = idx[j - 1];
                j--;
            }
            best[j] = v;
            idx[j] = i;
        }
        return idx;
    }
}
