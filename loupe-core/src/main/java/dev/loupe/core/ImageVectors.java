package dev.loupe.core;

import java.util.Map;
import java.util.Objects;

/** What a model makes of one image: one unit vector per space it encodes images into. */
public record ImageVectors(Map<String, float[]> bySpace) {
    public ImageVectors {
        bySpace = Map.copyOf(Objects.requireNonNull(bySpace, "bySpace"));
    }

    public float[] get(String space) {
        float[] v = bySpace.get(space);
        if (v == null) {
            throw new IllegalArgumentException("no vector for space '" + space + "'; have " + bySpace.keySet());
        }
        return v;
    }
}
