package dev.loupe.core;

/**
 * One search result: the image, its score under the query's measure (higher is better) and, when the query is one
 * that a {@link Relevance} calibration speaks for (a plain text query), how likely the image matches it, in [0, 1];
 * null otherwise.
 */
public record Hit(ImageRecord image, float score, Float relevance) {
    public Hit(ImageRecord image, float score) {
        this(image, score, null);
    }

    public String id() {
        return image.id();
    }

    public String path() {
        return image.path();
    }

    /** The same hit with its relevance. */
    public Hit withRelevance(float r) {
        return new Hit(image, score, r);
    }
}
