package dev.loupe.core.compose;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link ComposerFile} says about the composer it holds.
 *
 * @param method       one of {@link Composers#METHODS}, e.g. {@code tirg}
 * @param dataset      the dataset it was trained on, e.g. {@code css-like}
 * @param space        the name of the image space its inputs and outputs live in; the engine refuses a composer
 *                     whose space is not the one it searches
 * @param imageDim     length of the image vectors it takes
 * @param textDim      length of the text vectors it takes (0 for a projection, which ignores text)
 * @param outputDim    length of the vectors it makes
 * @param imageEncoder the encoder image vectors must come from (e.g. {@code cnn} or a model fingerprint)
 * @param textEncoder  the encoder text vectors must come from (e.g. {@code lstm} or a sentence encoder's id)
 * @param metrics      evaluation results measured when it was trained, e.g. {@code R@1 -> 0.74}
 * @param properties   method-specific settings (e.g. the grid of a relational composer's image input)
 */
public record ComposerMetadata(String method, String dataset, String space, int imageDim, int textDim, int outputDim,
                               String imageEncoder, String textEncoder, Map<String, Double> metrics,
                               Map<String, String> properties) {
    public ComposerMetadata {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(imageEncoder, "imageEncoder");
        Objects.requireNonNull(textEncoder, "textEncoder");
        if (imageDim <= 0 || textDim < 0 || outputDim <= 0) {
            throw new IllegalArgumentException("composer dims must be positive (text may be 0): image " + imageDim
                    + ", text " + textDim + ", output " + outputDim);
        }
        metrics = Map.copyOf(new TreeMap<>(metrics));
        properties = Map.copyOf(new TreeMap<>(properties));
    }

    /** A copy with other metrics, e.g. after evaluation. */
    public ComposerMetadata withMetrics(Map<String, Double> newMetrics) {
        return new ComposerMetadata(method, dataset, space, imageDim, textDim, outputDim, imageEncoder, textEncoder,
                newMetrics, properties);
    }

    /** An integer property, or a clear error naming the property when it is missing or malformed. */
    public int intProperty(String key) {
        String v = properties.get(key);
        if (v == null) {
            throw new IllegalArgumentException("composer metadata lacks property '" + key + "' required by method "
                    + method);
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("composer metadata property '" + key + "' is not an integer: " + v, e);
        }
    }
}
