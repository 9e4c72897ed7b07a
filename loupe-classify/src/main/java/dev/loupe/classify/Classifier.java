package dev.loupe.classify;

import java.util.List;

/**
 * A trained classifier over feature vectors (see {@link FeatureExtractor}). Implementations are immutable and
 * thread-safe.
 */
public interface Classifier {
    /** The labels it can give, in the order of {@link #scores}. */
    List<String> labels();

    /** One confidence per label (each 0..1, summing to 1), in {@link #labels} order. */
    float[] scores(float[] feature);

    /**
     * The scores of many feature vectors; implementations may process them in blocks so that the model's vectors
     * stay in the CPU cache (an exact kNN over 60,000 examples is bound by memory bandwidth otherwise).
     */
    default float[][] scoresAll(float[][] features) {
        float[][] out = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = scores(features[i]);
        }
        return out;
    }

    /** The best label and its confidence. */
    default Prediction predict(float[] feature) {
        float[] s = scores(feature);
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return new Prediction(labels().get(best), s[best]);
    }

    /** The index of the best label (ties: the first). */
    default int predictIndex(float[] feature) {
        return labels().indexOf(predict(feature).label());
    }
}
