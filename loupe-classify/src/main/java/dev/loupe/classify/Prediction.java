package dev.loupe.classify;

/**
 * What a classifier says about one image: its best label and how confident it is (0..1, calibrated per method:
 * the neighbours' vote share for kNN, the smoothed label share of the cluster for k-means, Platt-scaled
 * one-vs-rest probabilities for SVM).
 *
 * @param label      the best label
 * @param confidence the best label's confidence
 */
public record Prediction(String label, float confidence) {
    /** True when the confidence reaches {@code threshold}; below it the image is "unsure" and gets no label. */
    public boolean sure(float threshold) {
        return confidence >= threshold;
    }
}
