package dev.loupe.bench.ann;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Turns sweeps into the bench's tables: for each system, set and kind of query, the single-thread QPS and p50/p99
 * latency at recall@10 = 0.90 / 0.95 / 0.99, interpolated linearly between the two measured settings that bracket
 * the target (the cheapest setting when it already reaches the target; "—" with the best recall reached when no
 * setting does).
 */
public final class ResultTable {
    public static final double[] TARGETS = {0.90, 0.95, 0.99};

    private ResultTable() {
    }

    /** Latency and throughput at one recall target. */
    public record AtRecall(double qps, double p50Ms, double p99Ms) {
    }

    /** The interpolated figures at {@code target} of one sweep (points of one system, set and kind). */
    public static Optional<AtRecall> at(List<Results.Point> sweep, double target, ToDoubleFunction<Results.Point> recall) {
        List<Results.Point> sorted = new ArrayList<>(sweep);
        sorted.sort(Comparator.comparingInt(Results.Point::param));
        for (int i = 0; i < sorted.size(); i++) {
            Results.Point p = sorted.get(i);
            if (recall.applyAsDouble(p) >= target) {
                if (i == 0) {
                    return Optional.of(new AtRecall(p.qps(), p.p50Ms(), p.p99Ms()));
                }
                Results.Point a = sorted.get(i - 1);
                double ra = recall.applyAsDouble(a);
                double t = (target - ra) / (recall.applyAsDouble(p) - ra);
                return Optional.of(new AtRecall(lerp(a.qps(), p.qps(), t), lerp(a.p50Ms(), p.p50Ms(), t),
                        lerp(a.p99Ms(), p.p99Ms(), t)));
            }
        }
        return Optional.empty();
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /** The builds table: build time, bytes on disk and resident bytes per vector. */
    public static String builds(List<Results.Build> builds) {
        StringBuilder sb = new StringBuilder("| system | set | vectors | build s | disk B/vector | graph+searched "
                + "vectors B/vector | resident B/vector |\n").append("|---|---|---|---|---|---|---|\n");
        for (Results.Build b : builds) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.0f | %.0f | %.0f |%n", b.system(), b.set(),
                    b.vectors(), b.buildSeconds(), (double) b.diskBytes() / b.vectors(),
                    (double) b.searchBytes() / b.vectors(), (double) b.residentBytes() / b.vectors()));
        }
        return sb.toString();
    }

    /**
     * One table per set and kind: a row per system, QPS and p50/p99 ms at each recall target, strict and epsilon.
     *
     * @param exactQps single-thread QPS of the exact float scan per "set/kind", for the speed-up column
     */
    public static String sweeps(List<Results.Point> points, Map<String, Double> exactQps) {
        Map<String, Map<String, List<Results.Point>>> byKey = new LinkedHashMap<>();
        for (Results.Point p : points) {
            byKey.computeIfAbsent(p.set() + "/" + p.kind(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.system(), k -> new ArrayList<>()).add(p);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, List<Results.Point>>> e : byKey.entrySet()) {
            Double exact = exactQps.get(e.getKey());
            sb.append(String.format(Locale.ROOT, "%n%s — QPS (p50 / p99 ms)%s%n%n", e.getKey(),
                    exact == null ? "" : String.format(Locale.ROOT, "; exact float scan %.1f QPS", exact)));
            sb.append("| system | recall | @0.90 | @0.95 | @0.99 | max | eps-recall | @0.90 | @0.95 | @0.99 | max |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, List<Results.Point>> s : e.getValue().entrySet()) {
                sb.append("| ").append(s.getKey()).append(" | strict");
                cells(sb, s.getValue(), Results.Point::recall, exact);
                sb.append(" | epsilon");
                cells(sb, s.getValue(), Results.Point::epsilonRecall, exact);
                sb.append(" |\n");
            }
        }
        return sb.toString();
    }

    private static void cells(StringBuilder sb, List<Results.Point> sweep, ToDoubleFunction<Results.Point> recall,
                              Double exactQps) {
        for (double t : TARGETS) {
            Optional<AtRecall> at = at(sweep, t, recall);
            sb.append(" | ").append(at.map(a -> String.format(Locale.ROOT, "%.0f (%.2f / %.2f)%s", a.qps(), a.p50Ms(),
                    a.p99Ms(), exactQps == null ? "" : String.format(Locale.ROOT, " %.1f×", a.qps() / exactQps)))
                    .orElse("—"));
        }
        sb.append(String.format(Locale.ROOT, " | %.3f", sweep.stream().mapToDouble(recall).max().orElse(0)));
    }
}
