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
