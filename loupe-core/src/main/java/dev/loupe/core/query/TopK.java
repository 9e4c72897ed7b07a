package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The k best (ordinal, score) pairs seen so far: a bounded min-heap on primitive arrays whose root is the worst kept
 * pair, so a candidate that cannot enter costs one comparison. Ties rank the lower ordinal first, so results are
 * deterministic. NaN scores are never kept. Not thread-safe; one per scan.
 */
final class TopK {
    private final int k;
    private final int[] ords;
    private final float[] scores;
    private int size;

    TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.k = k;
        this.ords = new int[k];
        this.scores = new float[k];
    }

    /** True when a candidate with this score (and a larger ordinal than any seen) could still enter. */
    boolean competitive(float score) {
        return size < k || score > scores[0];
    }

    void offer(int ord, float score) {
        if (Float.isNaN(score)) {
            return;
        }
        if (size < k) {
            ords[size] = ord;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(scores[0], ords[0], score, ord)) {
            ords[0] = ord;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept pairs, best first. */
    List<ScoredOrdinal> results() {
        List<ScoredOrdinal> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new ScoredOrdinal(ords[i], scores[i]));
        }
        out.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                : Integer.compare(a.ordinal(), b.ordinal()));
        return out;
    }

    /** Whether (sa, oa) ranks below (sb, ob). */
    private static boolean worse(float sa, int oa, float sb, int ob) {
        return sa < sb || (sa == sb && oa > ob);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], ords[i], scores[parent], ords[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(scores[right], ords[right], scores[left], ords[left]) ? right : left;
            if (!worse(scores[worst], ords[worst], scores[i], ords[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        int o = ords[i];
        ords[i] = ords[j];
        ords[j] = o;
        float s = scores[i];
        scores[i] = scores[j];
        scores[j] = s;
    }
}
