package dev.loupe.learn.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recall@K of retrieval by cosine similarity: a query is a hit at K when one of its K most similar gallery
 * items has the target's content key. The query's own reference image is never counted as a result.
 */
public final class Retrieval {
    /** The K values reported for composed retrieval. */
    public static final int[] KS = {1, 5, 10, 50};

    private Retrieval() {
    }

    /**
     * @param queries    [q][d] query vectors
     * @param gallery    [g][d] gallery vectors
     * @param galleryKeys content key of each gallery item
     * @param galleryIds image index of each gallery item (to skip the query's own reference)
     * @param targetKeys content key each query looks for
     * @param sourceIds  reference image index of each query, or -1
     * @return {@code R@K -> percentage} for each K
     */
    public static Map<String, Double> recall(float[][] queries, float[][] gallery, int[] galleryKeys, int[] galleryIds,
                                             int[] targetKeys, int[] sourceIds, int... ks) {
        float[][] g = normalizeAll(gallery);
        int maxK = 0;
        for (int k : ks) {
            maxK = Math.max(maxK, k);
        }
        long[] hits = new long[ks.length];
        for (int qi = 0; qi < queries.length; qi++) {
            float[] q = normalize(queries[qi]);
            float[] s = new float[g.length];
            for (int j = 0; j < g.length; j++) {
                s[j] = galleryIds[j] == sourceIds[qi] ? Float.NEGATIVE_INFINITY : dot(q, g[j]);
            }
            int rank = firstHitRank(s, galleryKeys, targetKeys[qi], maxK);
            for (int i = 0; i < ks.length; i++) {
                if (rank >= 0 && rank < ks[i]) {
                    hits[i]++;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < ks.length; i++) {
            out.put("R@" + ks[i], 100.0 * hits[i] / queries.length);
        }
        return out;
    }

    /** Rank (0-based) of the first item with {@code key} among the top {@code maxK} scores, or -1. */
    static int firstHitRank(float[] scores, int[] keys, int key, int maxK) {
        // count items scoring strictly better than the best-scoring correct item
        float best = Float.NEGATIVE_INFINITY;
        boolean any = false;
        for (int j = 0; j < scores.length; j++) {
            if (keys[j] == key && scores[j] != Float.NEGATIVE_INFINITY && (!any || scores[j] > best)) {
                best = scores[j];
                any = true;
            }
        }
        if (!any) {
            return -1;
        }
        int better = 0;
        for (float s : scores) {
            if (s > best) {
                better++;
                if (better >= maxK) {
                    return -1;
                }
            }
        }
        return better;
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return (float) s;
    }

    public static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        float[] r = new float[v.length];
        if (n == 0) {
            return r;
        }
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) (v[i] / n);
        }
        return r;
    }

    public static float[][] normalizeAll(float[][] vs) {
        float[][] r = new float[vs.length][];
        for (int i = 0; i < vs.length; i++) {
            r[i] = normalize(vs[i]);
        }
        return r;
    }
}
