package dev.loupe.core.query;

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
 * <p>Run (from the project root):
 * <pre>
 *   ./mvnw -q -B -o -pl loupe-core test-compile exec:exec@analogy-bench
 *   ./mvnw -q -B -o -pl loupe-core test-compile exec:exec@analogy-bench -Dbench.args="n=20000 queries=50"
 * </pre>
 * Options (key=value): n (100000), dim (384), queries (200), k (10), seed (42), m (HNSW max connections, 16),
 * beam (HNSW build beam width, 100), exactQueries (queries for the exact-inner-product source, 50).
 */
public final class AnalogyBench {

    private static final int TIMED_RUNS = 3;

    private AnalogyBench() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = options(args);
        int n = Integer.parseInt(opt.getOrDefault("n", "100000"));
        int dim = Integer.parseInt(opt.getOrDefault("dim", "384"));
        int queries = Integer.parseInt(opt.getOrDefault("queries", "200"));
        int k = Integer.parseInt(opt.getOrDefault("k", "10"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        int maxConn = Integer.parseInt(opt.getOrDefault("m", "16"));
        int beam = Integer.parseInt(opt.getOrDefault("beam", "100"));
        int exactQueries = Math.min(queries, Integer.parseInt(opt.getOrDefault("exactQueries", "50")));

        System.out.printf(Locale.ROOT, "AnalogyBench: n=%d dim=%d queries=%d k=%d seed=%d | java %s | %d cpus | "
                        + "Vector API %s%n", n, dim, queries, k, seed, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), DotKernel.vectorApiAvailable() ? "on" : "OFF");

        long t0 = System.nanoTime();
        ClusteredData data = new ClusteredData(n, dim, 100, 20, seed);
        System.out.printf(Locale.ROOT, "data: %d clustered unit vectors (100 categories x 5 subtypes, 20 attributes),"
                + " %.0f MB, made in %.1f s%n", n, data.vectors.bytes() / 1e6, secondsSince(t0));

        ExactScanner scalar = new ExactScanner(data.vectors, new ScalarDotKernel());
        ExactScanner exact = new ExactScanner(data.vectors);
        List<ClusteredData.Analogy> analogies = data.analogies(queries, seed + 1);

        t0 = System.nanoTime();
        HnswCandidateSource hnsw = new HnswCandidateSource(data.vectors, maxConn, beam, seed);
        System.out.printf(Locale.ROOT, "HNSW (Lucene %s, M=%d, beamWidth=%d): built in %.1f s%n",
                org.apache.lucene.util.Version.LATEST, maxConn, beam, secondsSince(t0));
        CandidateSource exactIp = HnswCandidateSource.exact(exact);

        System.out.println();
        System.out.println("exact scan, ms/query (single thread):");
        System.out.printf(Locale.ROOT, "  %-7s %12s %18s %8s %14s%n", "measure", "plain loops", exact.kernelName(),
                "gain", "answer hits@" + k);
        List<String> rows = new ArrayList<>();
        for (Measure measure : Measure.values()) {
            List<ResolvedQuery> resolved = analogies.stream()
                    .map(a -> ResolvedQuery.resolve(a.expr(measure), data.resolver())).toList();
            double scalarMs = time(resolved, q -> scalar.topK(q, k)).msPerQuery;
            Timed exactRun = time(resolved, q -> exact.topK(q, k));
            double hits = 0;
            for (int q = 0; q < queries; q++) {
                for (ScoredOrdinal s : exactRun.results.get(q)) {
                    hits += data.answers(analogies.get(q), s.ordinal()) ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "  %-7s %12.2f %18.2f %7.1fx %14.2f%n", measure.cliName(), scalarMs,
                    exactRun.msPerQuery, scalarMs / exactRun.msPerQuery, hits / ((double) queries * k));
            for (ProbeSettings settings : settingsFor(measure, opt.get("probes"))) {
                ApproximateSearch viaHnsw = new ApproximateSearch(hnsw, data.vectors, settings);
                Timed approx = time(resolved, q -> viaHnsw.topK(q, k));
                double candidates = resolved.stream().mapToInt(q -> viaHnsw.candidates(q, k).length).average()
                        .orElse(0);
                ApproximateSearch viaExactIp = new ApproximateSearch(exactIp, data.vectors, settings);
                List<List<ScoredOrdinal>> ceiling = resolved.subList(0, exactQueries).stream()
                        .map(q -> viaExactIp.topK(q, k)).toList();
                rows.add(String.format(Locale.ROOT, "| %-4s | %-22s | %5d | %6d | %6.1f | %11.3f | %10.3f | %8.3f "
                                + "| %8.2f | %7.1fx |", measure.cliName(),
                        measure == Measure.SUM ? "q" : settings.lambdas() + (settings.directionProbe() ? " + d" : ""),
                        measure == Measure.SUM ? 1 : settings.diffProbeCount(), settings.perProbe(k), candidates,
                        recall(ceiling, exactRun.results), recall(approx.results, exactRun.results),
                        approx.msPerQuery, exactRun.msPerQuery, exactRun.msPerQuery / approx.msPerQuery));
            }
        }
        System.out.println();
        System.out.println("approximate path vs exact scan (recall@" + k + " against the exact scan's top " + k
                + "; 'ceiling' = same probes answered by an exact inner-product top-k instead of HNSW, first "
                + exactQueries + " queries):");
        System.out.println("| measure | DIFF probes λ | probes | k/probe | cands | recall ceiling | recall HNSW "
                + "| ms HNSW | ms exact | speed-up |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
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
                boolean dir = lambdas.endsWith("+d");
                lambdas = dir ? lambdas.substring(0, lambdas.length() - 2) : lambdas;
                List<Float> ls = lambdas.isEmpty() ? List.of()
                        : java.util.Arrays.stream(lambdas.split(",")).map(Float::parseFloat).toList();
                out.add(new ProbeSettings(ls, dir, lf.length > 1 ? Double.parseDouble(lf[1]) : 4));
            }
            return out;
        }
        if (measure == Measure.SUM) {
            return List.of(new ProbeSettings(List.of(1f), false, 1), new ProbeSettings(List.of(1f), false, 2),
                    new ProbeSettings(List.of(1f), false, 4));
        }
        List<ProbeSettings> out = new ArrayList<>();
        out.add(new ProbeSettings(List.of(1f), false, 4));
        out.add(new ProbeSettings(List.of(0.5f, 1f), false, 4));
        out.add(new ProbeSettings(List.of(0.5f, 1f, 2f), false, 2));
        out.add(new ProbeSettings(List.of(0.5f, 1f, 2f), false, 4));
        out.add(new ProbeSettings(List.of(0.5f, 1f, 2f), true, 4));
        out.add(new ProbeSettings(List.of(0.25f, 0.5f, 1f, 2f), false, 4));
        out.add(new ProbeSettings(List.of(0f, 0.5f, 1f, 2f), true, 8));
        out.add(ProbeSettings.DEFAULT);
        return out.stream().distinct().toList();
    }

    private record Timed(List<List<ScoredOrdinal>> results, double msPerQuery) {
    }

    /**
     * Runs all queries once to warm up, then {@value #TIMED_RUNS} more times timed and keeps the fastest run: the
     * machine is shared, so the minimum is the least disturbed measurement.
     */
    private static Timed time(List<ResolvedQuery> queries, Function<ResolvedQuery, List<ScoredOrdinal>> search) {
        List<List<ScoredOrdinal>> results = new ArrayList<>(queries.size());
        for (ResolvedQuery q : queries) {
            results.add(search.apply(q));
        }
        double best = Double.MAX_VALUE;
        for (int run = 0; run < TIMED_RUNS; run++) {
            long t0 = System.nanoTime();
            for (ResolvedQuery q : queries) {
                search.apply(q);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / queries.size());
        }
        return new Timed(results, best);
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

    private static Map<String, String> options(String[] args) {
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
