package dev.loupe.bench.ann;

import dev.loupe.core.query.ScoredOrdinal;

import java.util.List;

/**
 * Strict and epsilon recall@k. Epsilon recall is ann-benchmarks' relaxed form: a result counts when its distance is
 * within (1 + ε) of the exact k-th distance, with the cosine distance 1 − score (ann-benchmarks' "angular"; the
 * diff measure's score is a cosine too). Analogy queries meet hundreds of near-ties, among which strict recall
 * counts an equally good result as a miss. The margin is taken on the distance, not the score: on these
 * embeddings the top 100 scores lie within 0.007 of 0.99, so 1 % of the score would accept nearly anything.
 */
final class Recall {
    static final double EPSILON = 0.01;

    private Recall() {
    }

    /** |found ∩ exact top k| / k. */
    static double strict(List<ScoredOrdinal> found, int[] exactIds, int k) {
        int hit = 0;
        for (ScoredOrdinal s : found) {
            for (int i = 0; i < k && i < exactIds.length; i++) {
                if (exactIds[i] == s.ordinal()) {
                    hit++;
                    break;
                }
            }
        }
        return (double) hit / k;
    }

    /** The share of k results within (1 + ε) of the exact k-th distance (scores of {@code found} must be exact). */
    static double epsilon(List<ScoredOrdinal> found, float[] exactScores, int k) {
        double kthDistance = 1 - exactScores[Math.min(k, exactScores.length) - 1];
        double threshold = 1 - kthDistance * (1 + EPSILON);
        int ok = 0;
        for (int i = 0; i < found.size() && i < k; i++) {
            if (found.get(i).score() >= threshold - 1e-6) {
                ok++;
            }
        }
        return (double) ok / k;
    }
}
