package dev.loupe.bench.ann;

import dev.loupe.bench.data.BenchData;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;

import java.util.Arrays;
import java.util.List;

/** Runs every query at one setting on this thread, timing each (thread CPU time), and scores the answers against the exact ones. */
final class Sweep {
    static final int K = 10;

    /** Answers one query with the top {@link #K} at setting {@code param}, with exact scores. */
    @FunctionalInterface
    interface Searcher {
        List<ScoredOrdinal> search(ResolvedQuery query, int param);
    }

    private Sweep() {
    }

    static Results.Point run(String system, String set, String kind, int param, Searcher searcher,
                             List<ResolvedQuery> queries, BenchData.Truth truth) {
        int n = queries.size();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[n];
        long wall = 0;
        double recall = 0;
        double epsilon = 0;
        for (int q = 0; q < n; q++) {
            long w0 = System.nanoTime();
            long t0 = cpu.getCurrentThreadCpuTime();
            List<ScoredOrdinal> found = searcher.search(queries.get(q), param);
            nanos[q] = cpu.getCurrentThreadCpuTime() - t0;
            wall += System.nanoTime() - w0;
            recall += Recall.strict(found, truth.ids().get(q), K);
            epsilon += Recall.epsilon(found, truth.scores().get(q), K);
        }
        long total = Arrays.stream(nanos).sum();
        Arrays.sort(nanos);
        return new Results.Point(null, system, set, kind, param, recall / n, epsilon / n, n / (total / 1e9),
                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, n, n / (wall / 1e9));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
