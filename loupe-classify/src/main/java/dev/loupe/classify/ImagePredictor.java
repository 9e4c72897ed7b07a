package dev.loupe.classify;

import dev.loupe.core.ImageVectors;

/** Predicts the label of one indexed image from its vectors; thread-safe. */
@FunctionalInterface
public interface ImagePredictor {
    Prediction predict(String id, ImageVectors vectors);

    /** A feature classifier over {@code features}. */
    static ImagePredictor of(FeatureExtractor features, Classifier classifier) {
        return (id, vectors) -> classifier.predict(features.extract(vectors));
    }
}
