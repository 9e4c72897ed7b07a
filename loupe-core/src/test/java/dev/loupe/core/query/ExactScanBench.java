package dev.loupe.core.query;

import dev.loupe.core.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What SIMD is worth to the product's exact scan: a text query (one sum vector) and an analogy (diff measure) over
 * {@code n} unit vectors of 384 dimensions, as the engine scans an index of up to 10,000 images. Run it twice, with
 * and without the Vector API module, and compare the two lines (same seed, same queries):
 * <pre>
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; CP=loupe-core/target/classes:loupe-core/target/test-classes
 *   $J --add-modules jdk.incubator.vector -cp $CP dev.loupe.core.query.ExactScanBench n=10000
 *   $J -cp $CP dev.loupe.core.query.ExactScanBench n=10000
 * </pre>
 * A benchmark, not a test: it prints medians and asserts nothing.
 */
public final class ExactScanBench {
    private ExactScanBench() {
    }

    public static void main(String[] args) {
        var opt = AnalogyBench.options(args);
        int n = Integer.parseInt(opt.getOrDefault("n", "10000"));
        int dim = Integer.parseInt(opt.getOrDefault("dim", "384"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "300"));
        Random r = new Random(42);
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(unit(r, dim));
        }
        ExactScanner scanner = new ExactScanner(VectorMatrix.of(rows));
        ResolvedQuery text = ResolvedQuery.sum(unit(r, dim));
        float[] base = unit(r, dim);
        float[] direction = Vectors.normalize(sub(unit(r, dim), unit(r, dim)));
        ResolvedQuery analogy = ResolvedQuery.diff(base, direction);
        System.out.printf(Locale.ROOT, "ExactScanBench n=%d dim=%d kernel=%s java %s%n", n, dim, scanner.kernelName(),
                System.getProperty("java.version"));
        for (var q : List.of(text, analogy)) {
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds + 50; i++) { // 50 warm-up rounds
                long t0 = System.nanoTime();
                scanner.topK(q, 10);
                if (i >= 50) {
                    ms[i - 50] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "  %-8s median %.3f ms, p90 %.3f ms per query%n",
                    q == text ? "text" : "analogy", ms[rounds / 2], ms[rounds * 9 / 10]);
        }
    }

    private static float[] unit(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    private static float[] sub(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
