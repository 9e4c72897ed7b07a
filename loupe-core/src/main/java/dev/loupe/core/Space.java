package dev.loupe.core;

import java.util.Objects;

/**
 * A named vector space of fixed dimension. Vectors from different spaces are never compared.
 * The builtin model has two: {@link #SEMANTIC} (shared by images and text) and {@link #VISUAL} (images only).
 */
public record Space(String name, int dimension) {
    public static final String SEMANTIC = "semantic";
    public static final String VISUAL = "visual";

    public Space {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("space name must be lower-case letters, digits or _: " + name);
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("space " + name + ": dimension must be positive, got " + dimension);
        }
    }

    /** Throws when {@code vector} does not have this space's dimension. */
    public float[] check(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector for space '" + name + "' has " + vector.length
                    + " dimensions, expected " + dimension);
        }
        return vector;
    }
}
