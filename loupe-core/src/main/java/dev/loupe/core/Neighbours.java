package dev.loupe.core;

import java.util.List;

/**
 * The answer to a {@link VectorQuery}: hits by descending cosine, and how many vectors the index compared the
 * query with (graph nodes visited, or every candidate of an exact scan) — the cost of the answer.
 */
public record Neighbours(List<Hit> hits, long visited) {
    public Neighbours {
        hits = List.copyOf(hits);
    }
}
