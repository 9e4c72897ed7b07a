package dev.loupe.core.query;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The exact path: scores every vector of a {@link VectorMatrix} with the query's measure and keeps the top k in a
 * bounded heap. One pass over contiguous memory computes, per row, X·q̂ (SUM) or X·d̂ and X·q<sub>img</sub> (DIFF);
 * the row norms are precomputed. Uses the JDK Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, plain loops otherwise. Single-threaded; thread-safe (no state
 * besides the immutable matrix), so callers may scan several queries in parallel.
 */
public final class ExactScanner {
    private static final IntPredicate NONE = ord -> false;

    private final VectorMatrix vectors;
    private final DotKernel kernel;

    public ExactScanner(VectorMatrix vectors) {
        this(vectors, DotKernel.best());
    }

    ExactScanner(VectorMatrix vectors, DotKernel kernel) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** The k best candidates, best first (fewer when the matrix holds fewer). */
    public List<ScoredOrdinal> topK(ResolvedQuery query, int k) {
        return topK(query, k, NONE);
    }

    /**
     * The k best candidates whose ordinal {@code exclude} rejects, best first; e.g. exclude the query image itself.
     * {@code exclude} is only asked about candidates good enough to enter the top k.
     */
    public List<ScoredOrdinal> topK(ResolvedQuery query, int k, IntPredicate exclude) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(exclude, "exclude");
        int dim = vectors.dimension();
        if (query.dimension() != dim) {
            throw new IllegalArgumentException("query has " + query.dimension() + " dimensions, the vectors have "
                    + dim);
        }
        TopK top = new TopK(k);
        float[] p = query.primary();
        float[] s = query.secondary();
        float[] norms = vectors.squaredNorms();
        float[] out = new float[2];
        int rowsPerChunk = vectors.rowsPerChunk();
        for (int c = 0; c < vectors.chunkCount(); c++) {
            float[] chunk = vectors.chunk(c);
            int rows = chunk.length / dim;
            int first = c * rowsPerChunk;
            for (int r = 0; r < rows; r++) {
                int ord = first + r;
                float score;
                if (s == null) {
                    score = query.score(kernel.dot(chunk, r * dim, p, 0, dim), 0f, norms[ord]);
                } else {
                    kernel.dot2(chunk, r * dim, p, s, dim, out);
                    score = query.score(out[0], out[1], norms[ord]);
                }
                if (top.competitive(score) && !exclude.test(ord)) {
                    top.offer(ord, score);
                }
            }
        }
        return top.results();
    }

    /** The kernel in use, e.g. {@code vector-api-256bit} or {@code scalar}. */
    public String kernelName() {
        return kernel.name();
    }
}
