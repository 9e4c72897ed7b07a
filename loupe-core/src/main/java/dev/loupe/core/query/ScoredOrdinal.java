package dev.loupe.core.query;

/** One candidate of a scan or search: its ordinal in the {@link VectorStore} and its score (higher is better). */
public record ScoredOrdinal(int ordinal, float score) {
}
