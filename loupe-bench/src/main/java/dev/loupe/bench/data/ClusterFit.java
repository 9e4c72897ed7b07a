package dev.loupe.bench.data;

import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.VectorMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A distribution fit to a set of real unit vectors, to draw many more like them: spherical k-means finds the
 * clusters; each cluster keeps its share of the vectors (its weight), the mean of its members and the members'
 * deviations from that mean, i.e. its empirical covariance. A draw picks a cluster by weight and returns
 * normalize(mean + (1/√m) Σ<sub>j≤m</sub> z<sub>j</sub>·(x<sub>r_j</sub> − mean)) with z<sub>j</sub> ~ N(0, 1) and
 * r<sub>j</sub> random members: a Gaussian-like vector whose covariance is exactly the cluster's empirical covariance
 * (each term contributes C/m in expectation), without factorising 384×384 matrices per cluster. The draws are not
 * copies of real vectors: every one mixes m members with random signs and weights.
 *
 * <p>Images have vectors in several spaces (the builtin model's semantic and visual ones). The clusters are found
 * in the first space; a draw mixes the same members with the same weights in every space, so the vectors of one
 * drawn image stay as related across spaces as a real image's are.
 *
 * <p>Hand-written because it is a page on top of the project's exact scanner; a general k-means (Smile's) would
 * not cluster on the sphere.
 */
public final class ClusterFit {
    /** Members mixed per draw. */
    static final int MIX = 64;

    private final List<List<float[]>> spaces;
    private final List<Cluster> clusters;
    private final double[] cumulative;

    /**
     * One cluster: its members' means per space (not unit length), its members' rows, and their mean cosine to the
     * cluster's direction in the first space.
     */
    public record Cluster(float[][] means, int[] members, double meanCosine) {
    }

    private ClusterFit(List<List<float[]>> spaces, List<Cluster> clusters) {
        this.spaces = spaces;
        this.clusters = clusters;
        this.cumulative = new double[clusters.size()];
        double total = clusters.stream().mapToInt(c -> c.members.length).sum();
        double acc = 0;
        for (int c = 0; c < clusters.size(); c++) {
            acc += clusters.get(c).members.length / total;
            cumulative[c] = acc;
        }
    }

    /** Fits clusters to one space; see {@link #fit(List, int, int, long)}. */
    public static ClusterFit fit(List<float[]> real, int clusterCount, int iterations, long seed) {
        return fitSpaces(List.of(real), clusterCount, iterations, seed);
    }

    /**
     * Fits {@code clusterCount} clusters to the rows of {@code spaces} (row i of every space is one image) with
     * {@code iterations} rounds of spherical k-means on the first space (random initial centres from the data; an
     * empty cluster is re-seeded with a random vector).
     */
    public static ClusterFit fitSpaces(List<List<float[]>> spaces, int clusterCount, int iterations, long seed) {
        List<float[]> real = spaces.get(0);
        int n = real.size();
        for (List<float[]> s : spaces) {
            if (s.size() != n) {
                throw new IllegalArgumentException("every space needs one vector per image: " + s.size() + " vs " + n);
            }
        }
        if (clusterCount < 1 || clusterCount > n) {
            throw new IllegalArgumentException("clusters must be 1.." + n + ", got " + clusterCount);
        }
        Random rnd = new Random(seed);
        int dim = real.get(0).length;
        List<float[]> centres = new ArrayList<>(clusterCount);
        for (int c : rnd.ints(0, n).distinct().limit(clusterCount).toArray()) {
            centres.add(real.get(c));
        }
        int[] assign = new int[n];
        for (int it = 0; it < iterations; it++) {
            ExactScanner scanner = new ExactScanner(VectorMatrix.of(centres));
            IntStream.range(0, n).parallel().forEach(i ->
                    assign[i] = scanner.topK(ResolvedQuery.sum(real.get(i)), 1).get(0).ordinal());
            double[][] sums = new double[clusterCount][dim];
            int[] counts = new int[clusterCount];
            for (int i = 0; i < n; i++) {
                add(sums[assign[i]], real.get(i));
                counts[assign[i]]++;
            }
            for (int c = 0; c < clusterCount; c++) {
                centres.set(c, counts[c] == 0 ? real.get(rnd.nextInt(n)) : unit(sums[c]));
            }
        }
        return new ClusterFit(List.copyOf(spaces), clusters(spaces, assign, clusterCount));
    }

    private static List<Cluster> clusters(List<List<float[]>> spaces, int[] assign, int clusterCount) {
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < assign.length; i++) {
            members.get(assign[i]).add(i);
        }
        List<Cluster> out = new ArrayList<>();
        for (List<Integer> m : members) {
            if (m.isEmpty()) {
                continue;
            }
            float[][] means = new float[spaces.size()][];
            double cos = 0;
            for (int s = 0; s < spaces.size(); s++) {
                List<float[]> rows = spaces.get(s);
                double[] sum = new double[rows.get(0).length];
                for (int i : m) {
                    add(sum, rows.get(i));
                }
                means[s] = new float[sum.length];
                for (int d = 0; d < sum.length; d++) {
                    means[s][d] = (float) (sum[d] / m.size());
                }
                if (s == 0) {
                    float[] dir = unit(sum);
                    for (int i : m) {
                        cos += dot(rows.get(i), dir);
                    }
                }
            }
            out.add(new Cluster(means, m.stream().mapToInt(Integer::intValue).toArray(), cos / m.size()));
        }
        return List.copyOf(out);
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** One draw in the first space. Thread-safe if each thread has its own {@code rnd}. */
    public float[] draw(Random rnd) {
        return drawAll(rnd)[0];
    }

    /** One drawn image: a unit vector per space, in the order of the fit. */
    public float[][] drawAll(Random rnd) {
        int c = Arrays.binarySearch(cumulative, rnd.nextDouble());
        c = Math.min(clusters.size() - 1, c < 0 ? -c - 1 : c);
        Cluster cl = clusters.get(c);
        int[] picked = new int[MIX];
        double[] weight = new double[MIX];
        double scale = 1 / Math.sqrt(MIX);
        for (int j = 0; j < MIX; j++) {
            picked[j] = cl.members()[rnd.nextInt(cl.members().length)];
            weight[j] = rnd.nextGaussian() * scale;
        }
        float[][] out = new float[spaces.size()][];
        for (int s = 0; s < spaces.size(); s++) {
            float[] mean = cl.means()[s];
            double[] x = new double[mean.length];
            for (int j = 0; j < MIX; j++) {
                float[] member = spaces.get(s).get(picked[j]);
                for (int d = 0; d < x.length; d++) {
                    x[d] += weight[j] * (member[d] - mean[d]);
                }
            }
            for (int d = 0; d < x.length; d++) {
                x[d] += mean[d];
            }
            out[s] = unit(x);
        }
        return out;
    }

    private static void add(double[] sum, float[] x) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += x[d];
        }
    }

    private static float[] unit(double[] v) {
        double n = 0;
        for (double f : v) {
            n += f * f;
        }
        n = Math.sqrt(n);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
