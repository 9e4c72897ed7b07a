package dev.loupe.bench.ann;

/** What the bench measures, one JSON line each in {@code results.jsonl}; the Python peers write the same fields. */
public final class Results {
    private Results() {
    }

    /**
     * One setting of one system on one kind of query.
     *
     * @param param         the swept setting: candidates per look-up (HNSW beam) or IVF cells probed
     * @param recall        strict recall@10: the share of the exact top 10 found
     * @param epsilonRecall the share of the 10 results whose exact score is within 1 % of the exact 10th score
     * @param qps           queries per second on one thread, 1 / mean thread CPU time per query (the machine is
     *                      shared: CPU time leaves out the time other processes took the core)
     * @param p50Ms         median thread CPU time per query
     * @param p99Ms         99th percentile of it
     * @param wallQps       queries per second by the wall clock, for reference
     */
    public record Point(String type, String system, String set, String kind, int param, double recall,
                        double epsilonRecall, double qps, double p50Ms, double p99Ms, int queries, double wallQps) {
        public Point {
            type = "point";
        }
    }

    /**
     * Build and memory figures of one system on one set.
     *
     * @param diskBytes     every file of the index
     * @param searchBytes   what a search reads: the graph (or lists) and the vectors it compares — for Loupe's
     *                      quantized encodings the quantized vectors, not the floats kept on disk for re-scoring
     * @param residentBytes what the process held in memory after the sweeps (mapped pages touched, or heap)
     */
    public record Build(String type, String system, String set, int vectors, double buildSeconds, long diskBytes,
                        long searchBytes, long residentBytes) {
        public Build {
            type = "build";
        }
    }
}
