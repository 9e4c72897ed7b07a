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
        // top-k by insertion into a small sorted array: k is small, n is large
        float[] bestSim = new float[k];
        int[] bestIdx = new int[k];
        java.util.Arrays.fill(bestSim, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(bestIdx, -1);
        for (int i = 0; i < examples.length; i++) {
            float s = VectorUtil.dotProduct(feature, examples[i]);
            if (s > bestSim[k - 1]) {
                int j = k - 1;
                while (j > 0 && bestSim[j - 1] < s) {
                    bestSim[j] = bestSim[j - 1];
                    bestIdx[j] = bestIdx[j - 1];
                    j--;
                }
                bestSim[j] = s;
                bestIdx[j] = i;
            }
        }
        int[] votes = new int[labels.size()];
        double[] simSum = new double[labels.size()];
        for (int j = 0; j < k; j++) {
            votes[targets[bestIdx[j]]]++;
            simSum[targets[bestIdx[j]]] += bestSim[j];
        }
        return Votes.shares(votes, simSum, k);
    }
}
