package dev.loupe.core.query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Benchmark of the analogy search paths on clustered synthetic embeddings ({@link ClusteredData}): exact scan
 * (Vector API vs plain loops) and the approximate path ({@link ApproximateSearch}) over a real Lucene HNSW graph and
 * over an exact inner-product top-k (the probe strategy's ceiling), for both measures and several probe settings.
 * Prints recall@k against the exact scan, ms/query and the speed-up. Single-threaded throughout.
 *
 * <p>Run from the project root, with Maven on a JDK &ge; 21 (the bench runs on the JDK that runs Maven):
 * <pre>
 *   source bin/find-jdk &amp;&amp; loupe_find_jdk &amp;&amp; ./mvnw -q -B -o -pl loupe-core test-compile exec:exec@analogy-bench
 *   … exec:exec@analogy-bench -Dbench.args="n=20000 queries=50"
 * </pre>
 * Options (key=value): n (100000), dim (384), queries (200), k (10), seed (42), m (HNSW max connections, 32),
 * beam (HNSW build beam width, 200), hnsw (graphs to build: float, int8 or float,int8; default float),
 * exactQueries (queries for the exact-inner-product source, 50), passes (timed passes over the queries, 2),
 * probes (DIFF probe settings to try instead of the built-in list, e.g. {@code probes=0.5,1,2/4;1,2+d/8}: λ list,
 * "+d" for the direction probe, "~N" for N tangent refinements, "/" candidate factor), sumFactors (SUM candidate factors to try instead of the
 * built-in list, e.g. {@code sumFactors=4,8,16}).
 * Timings interleave the two searches compared query by query, so both see the same load on a shared machine.
 */
public final class AnalogyBench {

    private AnalogyBench() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = options(args);
        int n = Integer.parseInt(opt.getOrDefault("n", "100000"));
        int dim = Integer.parseInt(opt.getOrDefault("dim", "384"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "200"));
        long t0 = System.nanoTime();
        ClusteredData data = new ClusteredData(n, dim, 100, 20, seed);
        List<ClusteredData.Analogy> analogies = data.analogies(queries, seed + 1);
        String describe = String.format(Locale.ROOT, "%d synthetic clustered unit vectors, %d-d (100 categories x 5 "
                + "subtypes, 20 attributes), made in %.1f s", n, dim, secondsSince(t0));
        run(new AnalogyWorkload() {
            @Override
            public String describe() {
                return describe;
            }

            @Override
            public VectorMatrix vectors() {
                return data.vectors;
            }

            @Override
            public TermResolver resolver() {
                return data.resolver();
            }

            @Override
            public List<QueryExpr> queries(Measure measure) {
                return analogies.stream().map(a -> a.expr(measure)).toList();
            }

            @Override
            public boolean answers(int query, int ordinal) {
                return data.answers(analogies.get(query), ordinal);
            }
        }, opt);
    }

    /**
     * Runs the bench on {@code workload}. Options (key=value): k (10), seed (42), m (HNSW max connections, 32),
     * beam (HNSW build beam width, 200), hnsw, exactQueries, passes, probes — as in the class comment.
     */
    public static void run(AnalogyWorkload workload, Map<String, String> opt) {
        int k = Integer.parseInt(opt.getOrDefault("k", "10"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        int maxConn = Integer.parseInt(opt.getOrDefault("m", "32"));
        int beam = Integer.parseInt(opt.getOrDefault("beam", "200"));
        int passes = Integer.parseInt(opt.getOrDefault("passes", "2"));
        VectorMatrix vectors = workload.vectors();
        int queries = workload.queries(Measure.SUM).size();
        int exactQueries = Math.min(queries, Integer.parseInt(opt.getOrDefault("exactQueries", "50")));

        System.out.printf(Locale.ROOT, "AnalogyBench: n=%d dim=%d queries=%d k=%d seed=%d | java %s | %d cpus | "
                        + "Vector API %s%n", vectors.size(), vectors.dimension(), queries, k, seed, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), DotKernel.vectorApiAvailable() ? "on" : "OFF");
        System.out.printf(Locale.ROOT, "data: %s, %.0f MB%n", workload.describe(), vectors.bytes() / 1e6);

        ExactScanner scalar = new ExactScanner(vectors, new ScalarDotKernel());
        ExactScanner exact = new ExactScanner(vectors);

        Map<String, HnswCandidateSource> indexes = new java.util.LinkedHashMap<>();
        for (String kind : opt.getOrDefault("hnsw", "float").split(",")) {
            long t0 = System.nanoTime();
            indexes.put(kind, switch (kind) {
                case "float" -> HnswCandidateSource.floats(vectors, maxConn, beam, seed);
                case "int8" -> HnswCandidateSource.int8(vectors, maxConn, beam, seed);
                case "none" -> null;
                default -> throw new IllegalArgumentException("hnsw=" + kind + ": use float, int8, none or a list");
            });
            if (indexes.get(kind) == null) {
                indexes.remove(kind);
                continue;
            }
            System.out.printf(Locale.ROOT, "HNSW over %s vectors (Lucene %s, M=%d, beamWidth=%d): built in %.1f s%n",
                    kind, org.apache.lucene.util.Version.LATEST, maxConn, beam, secondsSince(t0));
        }
        Map<String, CandidateSource> sources = new java.util.LinkedHashMap<>(indexes);
        if (opt.containsKey("ivf")) { // ivf=LISTS/PROBES[,LISTS/PROBES…]
            for (String spec : opt.get("ivf").split(",")) {
                String[] lp = spec.split("/");
                long t0 = System.nanoTime();
                int lists = Integer.parseInt(lp[0]);
                IvfCandidateSource ivf = IvfCandidateSource.build(vectors, lists, Integer.parseInt(lp[1]),
                        Math.min(vectors.size(), 50 * lists), 10, seed);
                sources.put("ivf" + spec, ivf);
                System.out.printf(Locale.ROOT, "IVF %d cells, %s probed (spherical k-means, 10 steps on a sample): "
                        + "built in %.1f s%n", lists, lp[1], secondsSince(t0));
            }
        }
        CandidateSource exactIp = HnswCandidateSource.exact(exact);

        System.out.println();
        System.out.println("exact scan, ms/query (single thread; CPU time, wall-clock in brackets):");
        System.out.printf(Locale.ROOT, "  %-7s %20s %24s %6s %14s %9s %9s%n", "measure", "plain loops",
                exact.kernelName(), "gain", "answer hits@" + k, "gap 1-" + k, "gap " + k + "-" + 10 * k);
        List<String> rows = new ArrayList<>();
        for (Measure measure : Measure.values()) {
            TermResolver resolver = workload.resolver();
            List<ResolvedQuery> resolved = workload.queries(measure).stream()
                    .map(e -> ResolvedQuery.resolve(e, resolver)).toList();
            Paired scan = compare(resolved, q -> scalar.topK(q, k), q -> exact.topK(q, k), passes);
            List<List<ScoredOrdinal>> truth = scan.secondResults;
            double hits = 0;
            for (int q = 0; q < queries; q++) {
                for (ScoredOrdinal s : truth.get(q)) {
                    hits += workload.answers(q, s.ordinal()) ? 1 : 0;
                }
            }
            double gapTop = 0;
            double gapTail = 0;
            for (ResolvedQuery q : resolved) {
                List<ScoredOrdinal> deep = exact.topK(q, 10 * k);
                gapTop += deep.get(0).score() - deep.get(k - 1).score();
                gapTail += deep.get(k - 1).score() - deep.get(deep.size() - 1).score();
            }
            System.out.printf(Locale.ROOT, "  %-7s %11.2f (%6.2f) %15.2f (%6.2f) %5.1fx %14.2f %9.4f %9.4f%n",
                    measure.cliName(), scan.firstMs, scan.firstWallMs, scan.secondMs, scan.secondWallMs,
                    scan.firstMs / scan.secondMs, hits / ((double) queries * k), gapTop / queries, gapTail / queries);
            for (ProbeSettings settings : settingsFor(measure, opt.get(measure == Measure.SUM ? "sumFactors" : "probes"))) {
                ApproximateSearch viaExactIp = new ApproximateSearch(exactIp, vectors, settings);
                double ceiling = recall(resolved.subList(0, exactQueries).stream()
                        .map(q -> viaExactIp.topK(q, k)).toList(), truth);
                for (Map.Entry<String, CandidateSource> index : sources.entrySet()) {
                    ApproximateSearch approx = new ApproximateSearch(index.getValue(), vectors, settings);
                    visitedAndReset(index.getValue());
                    Paired run = compare(resolved, q -> approx.topK(q, k), q -> exact.topK(q, k), passes);
                    double visited = visitedAndReset(index.getValue());
                    double candidates = resolved.stream().mapToInt(q -> approx.candidates(q, k).length).average()
                            .orElse(0);
                    boolean sum = measure == Measure.SUM;
                    rows.add(String.format(Locale.ROOT, "| %-4s | %-9s | %-30s | %6d | %7d | %6.0f | %6.1f | %7.3f | %6.3f "
                                    + "| %6.3f | %7.4f | %5.2f (%5.2f) | %6.2f (%6.2f) | %7.1fx |", measure.cliName(), index.getKey(),
                            label(measure, settings), sum ? 1 : settings.diffProbeCount(),
                            sum ? settings.sumPerProbe(k) : settings.perProbe(k), visited, candidates, ceiling,
                            recall(run.firstResults, truth), epsilonRecall(run.firstResults, truth, k),
                            shortfall(run.firstResults, truth, k), run.firstMs,
                            run.firstWallMs, run.secondMs, run.secondWallMs, run.secondMs / run.firstMs));
                }
            }
        }
        System.out.println();
        System.out.println("approximate path vs exact scan: recall@" + k + " against the exact scan's top " + k
                + "; 'ceiling' = the same probes answered by an exact inner-product top-k instead of HNSW (first "
                + exactQueries + " queries); ms = CPU time per query, wall-clock in brackets:");
        System.out.println("'eps recall' = ann-benchmarks' epsilon recall@" + k + ": the share of results whose cosine "
                + "distance (1 − score) is within 1 % of the exact k-th one's (as in loupe-bench's ANN bench);");
        System.out.println("'shortfall' = mean of (exact k-th score − approximate k-th score): how much worse the "
                + "last result shown is; 'gap' columns above = mean score drop from the exact 1st to k-th and k-th to "
                + (10 * k) + "-th result.");
        System.out.println("| measure | index | probe setting | look-ups | k/look-up | visited/look-up | candidates "
                + "| ceiling | recall | eps recall | shortfall | ms approx (wall) | ms exact (wall) | speed-up (CPU) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Vectors scored per look-up since the last call (graph nodes for HNSW, cell members for IVF). */
    private static double visitedAndReset(CandidateSource source) {
        return switch (source) {
            case HnswCandidateSource h -> h.visitedPerLookUpAndReset();
            case IvfCandidateSource i -> i.scannedPerLookUpAndReset();
            default -> 0;
        };
    }

    private static String label(Measure measure, ProbeSettings settings) {
        String probes = measure == Measure.SUM ? "q (factor " + settings.candidateFactor() + ")"
                : "λ " + settings.lambdas() + (settings.directionProbe() ? " + d" : "")
                + (settings.refinements() > 0 ? " + " + settings.refinements() + " tangent" : "") + " (factor "
                + settings.candidateFactor() + ")";
        return probes + (settings.equals(ProbeSettings.DEFAULT) ? " default" : "");
    }

    /**
     * The probe settings to try: built-in lists, or for DIFF those of option {@code probes}, e.g.
     * {@code probes=0.5,1,2/4;1,2+d/8} = λ list, optional "+d" for the direction probe, "/" candidate factor.
     */
    private static List<ProbeSettings> settingsFor(Measure measure, String custom) {
        if (custom != null && measure == Measure.DIFF) {
            List<ProbeSettings> out = new ArrayList<>();
            for (String spec : custom.split(";")) {
                String[] lf = spec.split("/");
                String lambdas = lf[0];
                int refinements = 0;
                int tilde = lambdas.indexOf('~');
                if (tilde >= 0) {
                    refinements = Integer.parseInt(lambdas.substring(tilde + 1));
                    lambdas = lambdas.substring(0, tilde);
                }
                boolean dir = lambdas.endsWith("+d");
                lambdas = dir ? lambdas.substring(0, lambdas.length() - 2) : lambdas;
                List<Float> ls = lambdas.isEmpty() ? List.of()
                        : java.util.Arrays.stream(lambdas.split(",")).map(Float::parseFloat).toList();
                out.add(new ProbeSettings(ls, dir, lf.length > 1 ? Double.parseDouble(lf[1]) : 4, refinements));
            }
            return out;
        }
        if (custom != null && measure == Measure.SUM) {
            return java.util.Arrays.stream(custom.split(","))
                    .map(f -> new ProbeSettings(List.of(1f), false, Double.parseDouble(f))).toList();
        }
        if (measure == Measure.SUM) {
            return List.of(new ProbeSettings(List.of(1f), false, 2), new ProbeSettings(List.of(1f), false, 4),
                    new ProbeSettings(List.of(1f), false, 8), ProbeSettings.DEFAULT);
        }
        List<ProbeSettings> out = new ArrayList<>();
        out.add(new ProbeSettings(List.of(1.5f), false, 2));
        out.add(new ProbeSettings(List.of(2f), false, 3));
        out.add(ProbeSettings.DEFAULT);
        out.add(new ProbeSettings(List.of(1f, 2f), false, 2));
        out.add(new ProbeSettings(List.of(1f, 2f), false, 3));
        out.add(new ProbeSettings(List.of(1f, 2f), false, 4));
        out.add(new ProbeSettings(List.of(0.5f, 1f, 2f), false, 2));
        out.add(new ProbeSettings(List.of(0.5f, 1f, 2f), false, 3));
        out.add(new ProbeSettings(List.of(0f, 1f, 2f), true, 3));
        return out.stream().distinct().toList();
    }

    /** Results and per-query times of two searches; times in ms of thread CPU time and of wall-clock time. */
    private record Paired(List<List<ScoredOrdinal>> firstResults, double firstMs, double firstWallMs,
                          List<List<ScoredOrdinal>> secondResults, double secondMs, double secondWallMs) {
    }

    /**
     * Times two searches over the same queries, interleaved query by query so that both see the same load: one
     * untimed warm-up pass (whose results are returned), then {@code passes} timed passes. The machine this runs on
     * is often shared, so the primary time is the thread's CPU time (what the search costs, not how long it waited
     * for a core); wall-clock time is reported beside it.
     */
    private static Paired compare(List<ResolvedQuery> queries, Function<ResolvedQuery, List<ScoredOrdinal>> first,
                                  Function<ResolvedQuery, List<ScoredOrdinal>> second, int passes) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<List<ScoredOrdinal>> firstResults = new ArrayList<>(queries.size());
        List<List<ScoredOrdinal>> secondResults = new ArrayList<>(queries.size());
        for (ResolvedQuery q : queries) {
            firstResults.add(first.apply(q));
            secondResults.add(second.apply(q));
        }
        long[] nanos = new long[4];
        for (int pass = 0; pass < passes; pass++) {
            for (ResolvedQuery q : queries) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                first.apply(q);
                long c1 = cpu.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                second.apply(q);
                nanos[0] += c1 - c0;
                nanos[1] += w1 - w0;
                nanos[2] += cpu.getCurrentThreadCpuTime() - c1;
                nanos[3] += System.nanoTime() - w1;
            }
        }
        double runs = 1e6 * passes * queries.size();
        return new Paired(firstResults, nanos[0] / runs, nanos[1] / runs, secondResults, nanos[2] / runs,
                nanos[3] / runs);
    }

    /** Mean over queries of (exact k-th score − approximate k-th score); 0 when the k-th result is as good. */
    static double shortfall(List<List<ScoredOrdinal>> approx, List<List<ScoredOrdinal>> exact, int k) {
        double sum = 0;
        for (int q = 0; q < approx.size(); q++) {
            List<ScoredOrdinal> a = approx.get(q);
            List<ScoredOrdinal> e = exact.get(q);
            float mine = a.size() >= k ? a.get(k - 1).score() : Float.NEGATIVE_INFINITY;
            sum += Math.max(0, e.get(Math.min(k, e.size()) - 1).score() - mine);
        }
        return sum / approx.size();
    }

    /**
     * ann-benchmarks' epsilon recall@k, mean over queries: a result counts when its distance 1 − score is within
     * (1 + 0.01) of the exact k-th result's (approximate results carry exact scores: the search re-scores them).
     */
    static double epsilonRecall(List<List<ScoredOrdinal>> approx, List<List<ScoredOrdinal>> exact, int k) {
        double sum = 0;
        for (int q = 0; q < approx.size(); q++) {
            List<ScoredOrdinal> e = exact.get(q);
            double threshold = 1 - (1 - e.get(Math.min(k, e.size()) - 1).score()) * 1.01;
            List<ScoredOrdinal> a = approx.get(q);
            long ok = a.stream().limit(k).filter(s -> s.score() >= threshold - 1e-6).count();
            sum += (double) ok / k;
        }
        return sum / approx.size();
    }

    /** Mean over queries of |approx ∩ exact| / |exact| (the first approx.size() queries). */
    static double recall(List<List<ScoredOrdinal>> approx, List<List<ScoredOrdinal>> exact) {
        double sum = 0;
        for (int q = 0; q < approx.size(); q++) {
            Set<Integer> truth = new HashSet<>();
            exact.get(q).forEach(s -> truth.add(s.ordinal()));
            long found = approx.get(q).stream().filter(s -> truth.contains(s.ordinal())).count();
            sum += (double) found / truth.size();
        }
        return sum / approx.size();
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    public static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String a : args) {
            for (String part : a.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("bench option '" + part + "' is not key=value, e.g. n=20000");
                }
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
