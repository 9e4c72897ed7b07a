package dev.loupe.core.query;

/**
 * Random access to the candidate vectors of one space by ordinal 0..size-1, enough to score any candidate exactly.
 * {@link VectorMatrix} is the in-memory implementation; an index may provide its own.
 */
public interface VectorStore {
    int size();

    int dimension();

    /** The exact score of candidate {@code ordinal} under {@code query}'s measure. */
    float score(ResolvedQuery query, int ordinal);
}
