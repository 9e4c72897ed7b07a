package dev.loupe.core;

import java.util.List;

/**
 * A word scored against an image. {@code score} ranks the tags (a cosine in the text space, for the builtin model
 * fused with {@code probability}); {@code probability}, when the model knows one, is the word's probability from the
 * classifier's class hierarchy ("animal" = the sum over every animal class), else NaN; {@code path} is the word's
 * place in that hierarchy from itself up ("tabby cat", "domestic cat", "cat", …, "animal"), else empty.
 */
public record Tag(String tag, float score, float probability, List<String> path) {
    public Tag {
        path = List.copyOf(path);
    }

    /** A tag with a score only. */
    public Tag(String tag, float score) {
        this(tag, score, Float.NaN, List.of());
    }

    public boolean hasProbability() {
        return !Float.isNaN(probability);
    }
}
