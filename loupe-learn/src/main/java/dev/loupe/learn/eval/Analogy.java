package dev.loupe.learn.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two analogy measures for "image - removed words + added words" queries in a joint image-text space, all
 * vectors unit length:
 * <ul>
 *   <li>{@code sum}: score(X) = cos(X, q_img - q_sub + q_add)</li>
 *   <li>{@code diff}: score(X) = cos(X - q_img, q_add - q_sub)</li>
 * </ul>
 * Both are scored by R@K against content keys; the query's own image is never a result.
 */
public final class Analogy {
    private Analogy() {
    }

    /**
     * @param gallery    [g][d] gallery image vectors
     * @param galleryKeys content key of each gallery image
     * @param galleryIds image index of each gallery image
     * @param img        [q][d] query image vectors
     * @param sub        [q][d] vectors of the removed words (zeros when nothing is removed)
     * @param add        [q][d] vectors of the added words (zeros when nothing is added)
     * @param targetKeys key each query looks for
     * @param sourceIds  image index of each query image
     * @return {@code sum R@K} and {@code diff R@K} percentages
     */
    public static Map<String, Double> evaluate(float[][] gallery, int[] galleryKeys, int[] galleryIds, float[][] img,
                                               float[][] sub, float[][] add, int[] targetKeys, int[] sourceIds,
                                               int... ks) {
        float[][] x = Retrieval.normalizeAll(gallery);
        int maxK = 0;
        for (int k : ks) {
            maxK = Math.max(maxK, k);
        }
        long[] sumHits = new long[ks.length];
        long[] diffHits = new long[ks.length];
        int d = x[0].length;
        for (int q = 0; q < img.length; q++) {
            float[] qi = Retrieval.normalize(img[q]);
            float[] qs = unitOrZero(sub[q]);
            float[] qa = unitOrZero(add[q]);
            float[] sumQ = new float[d];
            float[] dir = new float[d];
            for (int i = 0; i < d; i++) {
                sumQ[i] = qi[i] - qs[i] + qa[i];
                dir[i] = qa[i] - qs[i];
            }
            sumQ = Retrieval.normalize(sumQ);
            dir = Retrieval.normalize(dir);
            float[] sumScores = new float[x.length];
            float[] diffScores = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                if (galleryIds[j] == sourceIds[q]) {
                    sumScores[j] = Float.NEGATIVE_INFINITY;
                    diffScores[j] = Float.NEGATIVE_INFINITY;
                    continue;
                }
                sumScores[j] = Retrieval.dot(sumQ, x[j]);
                double dot = 0;
                double nn = 0;
                for (int i = 0; i < d; i++) {
                    double v = x[j][i] - qi[i];
                    dot += v * dir[i];
                    nn += v * v;
                }
                diffScores[j] = nn == 0 ? -1f : (float) (dot / Math.sqrt(nn));
            }
            count(sumHits, Retrieval.firstHitRank(sumScores, galleryKeys, targetKeys[q], maxK), ks);
            count(diffHits, Retrieval.firstHitRank(diffScores, galleryKeys, targetKeys[q], maxK), ks);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < ks.length; i++) {
            out.put("sum R@" + ks[i], 100.0 * sumHits[i] / img.length);
        }
        for (int i = 0; i < ks.length; i++) {
            out.put("diff R@" + ks[i], 100.0 * diffHits[i] / img.length);
        }
        return out;
    }

    private static void count(long[] hits, int rank, int[] ks) {
        for (int i = 0; i < ks.length; i++) {
            if (rank >= 0 && rank < ks[i]) {
                hits[i]++;
            }
        }
    }

    private static float[] unitOrZero(float[] v) {
        return Retrieval.normalize(v);
    }
}
