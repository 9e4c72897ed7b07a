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
 * <p>Hand-written because it is 100 lines on top of the project's exact scanner; a general k-means (Smile's) would
 * not cluster on the sphere.
 */
public final class ClusterFit {
    /** Members mixed per draw. */
    static final int MIX = 64;

    private final List<float[]> real;
    private final List<Cluster> clusters;
    private final double[] cumulative;
    private final int dimension;

    /** One cluster: its members' mean (not unit length) and their rows in the real matrix. */
    public record Cluster(float[] mean, int[] members, double meanCosine) {
    }

    private ClusterFit(List<float[]> real, List<Cluster> clusters, int dimension) {
        this.real = real;
        this.clusters = clusters;
        this.dimension = dimension;
        this.cumulative = new double[clusters.size()];
        double total = clusters.stream().mapToInt(c -> c.members.length).sum();
        double acc = 0;
        for (int c = 0; c < clusters.size(); c++) {
            acc += clusters.get(c).members.length / total;
            cumulative[c] = acc;
        }
    }

    /**
     * Fits {@code clusterCount} clusters to {@code real} with {@code iterations} rounds of spherical k-means
     * (random initial centres from the data; an empty cluster is re-seeded with a random vector).
     */
    public static ClusterFit fit(List<float[]> real, int clusterCount, int iterations, long seed) {
        int n = real.size();
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
                float[] x = real.get(i);
                double[] s = sums[assign[i]];
                for (int d = 0; d < dim; d++) {
                    s[d] += x[d];
                }
                counts[assign[i]]++;
            }
            for (int c = 0; c < clusterCount; c++) {
                centres.set(c, counts[c] == 0 ? real.get(rnd.nextInt(n)) : unit(sums[c]));
            }
        }
        return new ClusterFit(List.copyOf(real), clusters(real, assign, clusterCount), dim);
    }

    private static List<Cluster> clusters(List<float[]> real, int[] assign, int clusterCount) {
        int dim = real.get(0).length;
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
            double[] sum = new double[dim];
            for (int i : m) {
                float[] x = real.get(i);
                for (int d = 0; d < dim; d++) {
                    sum[d] += x[d];
                }
            }
            float[] mean = new float[dim];
            for (int d = 0; d < dim; d++) {
                mean[d] = (float) (sum[d] / m.size());
            }
            float[] dir = unit(sum);
            double cos = 0;
            for (int i : m) {
                cos += dot(real.get(i), dir);
            }
            out.add(new Cluster(mean, m.stream().mapToInt(Integer::intValue).toArray(), cos / m.size()));
        }
        return List.copyOf(out);
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** One draw. Thread-safe if each thread has its own {@code rnd}. */
    public float[] draw(Random rnd) {
        double u = rnd.nextDouble();
        int c = Arrays.binarySearch(cumulative, u);
        c = Math.min(clusters.size() - 1, c < 0 ? -c - 1 : c);
        Cluster cl = clusters.get(c);
        double[] x = new double[dimension];
        float[] mean = cl.mean();
        double scale = 1 / Math.sqrt(MIX);
        for (int j = 0; j < MIX; j++) {
            float[] member = real.get(cl.members()[rnd.nextInt(cl.members().length)]);
            double z = rnd.nextGaussian() * scale;
            for (int d = 0; d < dimension; d++) {
                x[d] += z * (member[d] - mean[d]);
            }
        }
        for (int d = 0; d < dimension; d++) {
            x[d] += mean[d];
        }
        return unit(x);
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
