package dev.loupe.core;

import java.util.Objects;

/**
 * One approximate nearest-neighbour request to an index.
 *
 * @param space  the space to search (a space of the index's model)
 * @param vector the query, unit length, of the space's dimension
 * @param k      how many neighbours, at least 1
 * @param filter only images that pass it; applied inside the search
 */
public record VectorQuery(String space, float[] vector, int k, ImageFilter filter) {
    public VectorQuery {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(filter, "filter");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    public VectorQuery(String space, float[] vector, int k) {
        this(space, vector, k, ImageFilter.NONE);
    }
}
