package dev.loupe.core;

import java.util.Map;
import java.util.Objects;

/**
 * What a model makes of one image: one unit vector per space it encodes images into, and the labels the model reads
 * off the image while encoding it, if it has any.
 *
 * <p>Model labels (label → probability 0..1, checked by {@link Labels#checkAll}) are an optional part of encoding:
 * a model whose encoder already computes what it recognises (the builtin model's classifier, whose probabilities
 * summed over the WordNet hierarchy give "cat", "animal", …) hands them over here, from the same pass that made
 * the vectors, and the index stores them with the vectors. They are kept apart from the labels users set with
 * {@link WritableImageIndex#setLabels} ({@code loupe classify}): a model's labels belong to the pixels and the model
 * and are rewritten with the vectors; classify's labels belong to the user and are replaced only by classify. Both
 * are matched by the same filter ({@link ImageFilter#anyLabel()}: an image passes when either set carries the label
 * with at least the minimum confidence). Models without such labels give none.
 */
public record ImageVectors(Map<String, float[]> bySpace, Map<String, Float> labels) {
    public ImageVectors {
        bySpace = Map.copyOf(Objects.requireNonNull(bySpace, "bySpace"));
        labels = Map.copyOf(Labels.checkAll(Objects.requireNonNull(labels, "labels")));
    }

    /** Vectors without model labels. */
    public ImageVectors(Map<String, float[]> bySpace) {
        this(bySpace, Map.of());
    }

    /** These vectors with these model labels instead of their own. */
    public ImageVectors withLabels(Map<String, Float> modelLabels) {
        return new ImageVectors(bySpace, modelLabels);
    }

    public float[] get(String space) {
        float[] v = bySpace.get(space);
        if (v == null) {
            throw new IllegalArgumentException("no vector for space '" + space + "'; have " + bySpace.keySet());
        }
        return v;
    }
}
