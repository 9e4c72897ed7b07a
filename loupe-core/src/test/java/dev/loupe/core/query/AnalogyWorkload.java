package dev.loupe.core.query;

import java.util.List;

/**
 * What {@link AnalogyBench} measures on: the vectors to search, how query terms resolve, the analogy queries, and
 * which results are semantically right answers. Synthetic data ({@link ClusteredData}) and real embeddings (the
 * Fashion-MNIST bench in loupe-classify's tests) both provide one.
 */
public interface AnalogyWorkload {
    /** One line saying what the vectors are. */
    String describe();

    VectorMatrix vectors();

    TermResolver resolver();

    /** The queries, in a fixed order, scored with {@code measure}. */
    List<QueryExpr> queries(Measure measure);

    /** Whether the row {@code ordinal} is a right answer to query number {@code query}. */
    boolean answers(int query, int ordinal);
}
