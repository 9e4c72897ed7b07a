package dev.loupe.classify;

import org.apache.lucene.util.VectorUtil;

import java.util.List;

/**
 * k-means clusters with a label distribution per cluster: an image gets the distribution of its nearest centroid.
 * A cluster's distribution is the smoothed share of each label among its labelled members,
 * {@code (count + 1/L) / (members + 1)} for L labels (a uniform prior worth one example), so a cluster backed by a
 * single labelled image is not 100 % sure. A cluster without labelled members takes the distribution of the
 * nearest cluster that has some. Built by {@link ClassifierTrainer}.
 */
public final class KMeansClassifier implements Classifier {
    private final float[][] centroids;
    private final float[][] distributions;
    private final List<String> labels;
    private final float[] centroidNorms;

    /**
     * @param centroids     cluster centres
     * @param distributions per cluster, one confidence per label (summing to 1)
     * @param labels        label names
     */
    public KMeansClassifier(float[][] centroids, float[][] distributions, List<String> labels) {
        if (centroids.length != distributions.length || centroids.length == 0) {
            throw new IllegalArgumentException(centroids.length + " centroids but " + distributions.length
                    + " label distributions");
        }
        this.centroids = centroids;
        this.distributions = distributions;
        this.labels = List.copyOf(labels);
        this.centroidNorms = new float[centroids.length];
        for (int c = 0; c < centroids.length; c++) {
            centroidNorms[c] = VectorUtil.dotProduct(centroids[c], centroids[c]);
            if (distributions[c].length != labels.size()) {
                throw new IllegalArgumentException("cluster " + c + " has " + distributions[c].length
                        + " label shares for " + labels.size() + " labels");
            }
        }
    }

    /**
     * Label distributions from cluster assignments: {@code cluster[i]} of example i, {@code target[i]} its label
     * index or -1 when unlabelled.
     */
    public static float[][] distributions(float[][] centroids, int[] cluster, int[] target, int labelCount) {
        int k = centroids.length;
        float[][] counts = new float[k][labelCount];
        int[] members = new int[k];
        for (int i = 0; i < cluster.length; i++) {
            if (target[i] >= 0) {
                counts[cluster[i]][target[i]]++;
                members[cluster[i]]++;
            }
        }
        float[][] dist = new float[k][];
        for (int c = 0; c < k; c++) {
            if (members[c] > 0) {
                dist[c] = new float[labelCount];
                for (int l = 0; l < labelCount; l++) {
                    dist[c][l] = (counts[c][l] + 1f / labelCount) / (members[c] + 1f);
                }
            }
        }
        for (int c = 0; c < k; c++) {
            if (dist[c] == null) {
                dist[c] = dist[nearestLabelled(centroids, c, members)].clone();
            }
        }
        return dist;
    }

    private static int nearestLabelled(float[][] centroids, int c, int[] members) {
        int best = -1;
        float bestD = Float.POSITIVE_INFINITY;
        for (int o = 0; o < centroids.length; o++) {
            if (members[o] > 0) {
                float d = VectorUtil.squareDistance(centroids[c], centroids[o]);
                if (d < bestD) {
                    bestD = d;
                    best = o;
                }
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no cluster has a labelled member");
        }
        return best;
    }

    /** The nearest centroid (squared Euclidean distance). */
    public int cluster(float[] feature) {
        int best = 0;
        float bestD = Float.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            // |x - c|² = |x|² - 2 x·c + |c|²; |x|² is the same for every c
            float d = centroidNorms[c] - 2 * VectorUtil.dotProduct(feature, centroids[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] scores(float[] feature) {
        return distributions[cluster(feature)].clone();
    }

    float[][] centroids() {
        return centroids;
    }

    float[][] distributions() {
        return distributions;
    }
}
