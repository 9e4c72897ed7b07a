package dev.loupe.classify;

import org.apache.lucene.util.VectorUtil;

import java.util.List;

/**
 * Exact k-nearest-neighbour classification in memory, by cosine over unit feature vectors. The confidence of a
 * label is its share of the k votes; ties between labels go to the one whose voters are more similar in sum.
 * The engine's kNN over a whole index uses {@link IndexKnn} instead; this one serves the evaluation and features
 * that the index cannot search.
 */
public final class KnnClassifier implements Classifier {
    private final float[][] examples;
    private final int[] targets;
    private final List<String> labels;
    private final int k;

    public KnnClassifier(TrainingSet set, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.examples = set.features();
        this.targets = set.targets();
        this.labels = set.labels();
        this.k = Math.min(k, set.size());
    }

    public int k() {
        return k;
    }

    float[][] examples() {
        return examples;
    }

    int[] targets() {
        return targets;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] scores(float[] feature) {
        return scoresAll(new float[][] {feature})[0];
    }

    /** Queries per block: each example is read from memory once per block instead of once per query. */
    private static final int BLOCK = 32;

    @Override
    public float[][] scoresAll(float[][] features) {
        float[][] out = new float[features.length][];
        for (int from = 0; from < features.length; from += BLOCK) {
            int to = Math.min(features.length, from + BLOCK);
            // top-k per query by insertion into a small sorted array: k is small, n is large
            float[][] bestSim = new float[to - from][k];
            int[][] bestIdx = new int[to - from][k];
            for (float[] row : bestSim) {
                java.util.Arrays.fill(row, Float.NEGATIVE_INFINITY);
            }
            for (int i = 0; i < examples.length; i++) {
                float[] example = examples[i];
                for (int q = from; q < to; q++) {
                    float s = VectorUtil.dotProduct(features[q], example);
                    float[] sims = bestSim[q - from];
                    if (s > sims[k - 1]) {
                        int[] idx = bestIdx[q - from];
                        int j = k - 1;
                        while (j > 0 && sims[j - 1] < s) {
                            sims[j] = sims[j - 1];
                            idx[j] = idx[j - 1];
                            j--;
                        }
                        sims[j] = s;
                        idx[j] = i;
                    }
                }
            }
            for (int q = from; q < to; q++) {
                out[q] = vote(bestSim[q - from], bestIdx[q - from]);
            }
        }
        return out;
    }

    private float[] vote(float[] bestSim, int[] bestIdx) {
        int[] votes = new int[labels.size()];
        double[] simSum = new double[labels.size()];
        for (int j = 0; j < k; j++) {
            votes[targets[bestIdx[j]]]++;
            simSum[targets[bestIdx[j]]] += bestSim[j];
        }
        return Votes.shares(votes, simSum, k);
    }
}
