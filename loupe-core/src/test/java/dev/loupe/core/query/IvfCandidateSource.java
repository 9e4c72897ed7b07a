package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * An inverted-file (IVF) candidate source, for comparison with HNSW in {@link AnalogyBench}: the vectors are
 * partitioned by spherical k-means into {@code lists} cells; a look-up scores the centroids, scans the members of
 * the {@code probes} best cells exactly and returns their top k. Unlike a greedy graph walk it does not get lost
 * when the query lies off the data (an analogy vector), at the price of scanning whole cells. Test scope: a
 * measurement, not (yet) an index of the product.
 */
final class IvfCandidateSource implements CandidateSource {
    private final float[][] centroids;
    private final int[][] members;
    private final float[][] cellVectors; // each cell's member vectors, contiguous, for a cache-friendly scan
    private final int probes;
    private final DotKernel dot = DotKernel.best();
    private final LongAdder lookUps = new LongAdder();
    private final LongAdder scanned = new LongAdder();

    private IvfCandidateSource(VectorMatrix vectors, float[][] centroids, int[][] members, int probes) {
        this.centroids = centroids;
        this.members = members;
        this.probes = probes;
        int dim = vectors.dimension();
        this.cellVectors = new float[members.length][];
        for (int j = 0; j < members.length; j++) {
            cellVectors[j] = new float[members[j].length * dim];
            for (int m = 0; m < members[j].length; m++) {
                System.arraycopy(vectors.row(members[j][m]), 0, cellVectors[j], m * dim, dim);
            }
        }
    }

    /** Spherical k-means on a sample of {@code sample} rows ({@code iterations} Lloyd steps), then every row assigned. */
    static IvfCandidateSource build(VectorMatrix vectors, int lists, int probes, int sample, int iterations, long seed) {
        int n = vectors.size();
        int dim = vectors.dimension();
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] picks = new int[Math.min(sample, n)];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = rnd.nextInt(n);
        }
        float[][] c = new float[lists][];
        for (int j = 0; j < lists; j++) {
            c[j] = vectors.row(picks[rnd.nextInt(picks.length)]).clone();
        }
        DotKernel dot = DotKernel.best();
        for (int it = 0; it < iterations; it++) {
            float[][] sums = new float[lists][dim];
            for (int p : picks) {
                float[] x = vectors.row(p);
                float[] s = sums[closest(dot, c, x)];
                for (int d = 0; d < dim; d++) {
                    s[d] += x[d];
                }
            }
            for (int j = 0; j < lists; j++) {
                double norm = 0;
                for (float v : sums[j]) {
                    norm += (double) v * v;
                }
                if (norm > 0) { // an empty cell keeps its centroid
                    float inv = (float) (1 / Math.sqrt(norm));
                    for (int d = 0; d < dim; d++) {
                        sums[j][d] *= inv;
                    }
                    c[j] = sums[j];
                }
            }
        }
        List<List<Integer>> cells = new ArrayList<>();
        for (int j = 0; j < lists; j++) {
            cells.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            cells.get(closest(dot, c, vectors.row(i))).add(i);
        }
        int[][] members = new int[lists][];
        for (int j = 0; j < lists; j++) {
            members[j] = cells.get(j).stream().mapToInt(Integer::intValue).toArray();
        }
        return new IvfCandidateSource(vectors, c, members, probes);
    }

    private static int closest(DotKernel dot, float[][] centroids, float[] x) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < centroids.length; j++) {
            float s = dot.dot(centroids[j], 0, x, 0, x.length);
            if (s > bestScore) {
                bestScore = s;
                best = j;
            }
        }
        return best;
    }

    @Override
    public int[] nearest(float[] probe, int k) {
        TopK cells = new TopK(probes);
        for (int j = 0; j < centroids.length; j++) {
            cells.offer(j, dot.dot(centroids[j], 0, probe, 0, probe.length));
        }
        TopK top = new TopK(k);
        long count = 0;
        int dim = probe.length;
        for (ScoredOrdinal cell : cells.results()) {
            int[] ords = members[cell.ordinal()];
            float[] data = cellVectors[cell.ordinal()];
            for (int m = 0; m < ords.length; m++) {
                top.offer(ords[m], dot.dot(data, m * dim, probe, 0, dim));
            }
            count += ords.length;
        }
        lookUps.increment();
        scanned.add(count);
        return top.results().stream().mapToInt(ScoredOrdinal::ordinal).toArray();
    }

    /** Mean number of vectors scanned per look-up since the last call; resets the counts. */
    double scannedPerLookUpAndReset() {
        long n = lookUps.sumThenReset();
        long v = scanned.sumThenReset();
        return n == 0 ? 0 : (double) v / n;
    }
}
