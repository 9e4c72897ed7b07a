package dev.loupe.classify;

import dev.loupe.core.ImageVectors;

/**
 * Turns an image's stored vectors into the feature vector a {@link Classifier} works on. The builtin kinds are
 * {@link BuiltinFeatures} (visual, semantic, their concatenation); a trained composer's fused output plugs in as
 * another implementation (e.g. {@code composer(image vector, caption vector)}, normalized), registered by name in
 * {@link FeatureExtractors}. Features are unit length, so cosine is a dot product.
 */
public interface FeatureExtractor {
    /** The name stored in a classifier file and given to {@code --features}. */
    String name();

    /** Length of the feature vector. */
    int dimension();

    /** The model spaces whose vectors {@link #extract} reads. */
    java.util.List<String> spaces();

    /** The unit-length feature vector of one image. */
    float[] extract(ImageVectors vectors);

    /**
     * The spaces whose index fields a nearest-neighbour query can search to find this feature's neighbours,
     * each weighted so that the sum over them of {@code weight·cos(space)} is the feature's cosine; empty when the
     * feature cannot be searched in the index (then kNN searches the examples in memory).
     */
    default java.util.Map<String, Float> searchableSpaces() {
        return java.util.Map.of();
    }
}
