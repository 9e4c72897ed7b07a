package dev.loupe.bench.data;

import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;
import dev.loupe.core.query.VectorMatrix;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** Exact answers: every query scored against every base vector with the product's exact scanner. */
public final class GroundTruth {
    private GroundTruth() {
    }

    /** The exact top {@code depth} of each query, on {@code threads} threads; ids and scores, best first. */
    public static BenchData.Truth compute(VectorMatrix base, List<ResolvedQuery> queries, int depth, int threads) {
        ExactScanner scanner = new ExactScanner(base);
        int[][] ids = new int[queries.size()][];
        float[][] scores = new float[queries.size()][];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, queries.size()).parallel().forEach(q -> {
                List<ScoredOrdinal> top = scanner.topK(queries.get(q), depth);
                ids[q] = top.stream().mapToInt(ScoredOrdinal::ordinal).toArray();
                scores[q] = new float[top.size()];
                for (int i = 0; i < top.size(); i++) {
                    scores[q][i] = top.get(i).score();
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing exact answers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("exact answers failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        return new BenchData.Truth(List.of(ids), List.of(scores));
    }
}
