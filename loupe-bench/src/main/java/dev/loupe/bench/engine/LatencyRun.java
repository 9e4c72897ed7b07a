package dev.loupe.bench.engine;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** Times requests one after another on this thread: wall clock (what a user waits) and thread CPU time. */
final class LatencyRun {
    private LatencyRun() {
    }

    /**
     * @param plans     how often the planner chose each plan
     * @param hitsMean  mean hits returned (10 unless the filter leaves fewer)
     */
    record Row(String kind, String filter, int queries, double p50Ms, double p99Ms, double meanMs, double cpuP50Ms,
               double cpuP99Ms, Map<String, Integer> plans, double candidatesMean, double hitsMean) {
    }

    static Row run(Loupe loupe, String kind, String filter, IntFunction<SearchRequest> request, int warmUp, int n) {
        for (int i = 0; i < warmUp; i++) {
            loupe.search(request.apply(i));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] wall = new long[n];
        long[] cpuNanos = new long[n];
        Map<String, Integer> plans = new TreeMap<>();
        double candidates = 0;
        double hits = 0;
        for (int i = 0; i < n; i++) {
            SearchRequest r = request.apply(warmUp + i);
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            SearchResult result = loupe.search(r);
            wall[i] = System.nanoTime() - t0;
            cpuNanos[i] = cpu.getCurrentThreadCpuTime() - c0;
            plans.merge(result.stats().plan(), 1, Integer::sum);
            candidates += result.stats().candidates();
            hits += result.hits().size();
        }
        double mean = Arrays.stream(wall).average().orElse(0) / 1e6;
        Arrays.sort(wall);
        Arrays.sort(cpuNanos);
        return new Row(kind, filter, n, pct(wall, 0.50), pct(wall, 0.99), mean, pct(cpuNanos, 0.50),
                pct(cpuNanos, 0.99), plans, candidates / n, hits / n);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    @SuppressWarnings("unchecked")
    static String table(int size, Map<String, Object> out) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%,d images, SIMD %s, load %s → %s, build %s, index %.0f B/image%n%n", size, out.get("simd"),
                out.get("loadBefore"), out.get("loadAfter"), out.get("build"), (Double) out.get("indexBytesPerImage")));
        sb.append("| query | filter | plan | p50 ms | p99 ms | mean ms | CPU p50 ms | CPU p99 ms | candidates | hits |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : (List<Row>) out.get("rows")) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f |%n",
                    r.kind(), r.filter().equals("none") ? "—" : "1 % (folder)", String.join(", ",
                            r.plans().keySet()), r.p50Ms(), r.p99Ms(), r.meanMs(), r.cpuP50Ms(), r.cpuP99Ms(),
                    r.candidatesMean(), r.hitsMean()));
        }
        return sb.toString();
    }
}
