package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ExactScannerTest {
    private final List<float[]> rows = VectorMatrixTest.randomRows(1000, 37, 9);
    private final VectorMatrix matrix = VectorMatrixTest.matrix(rows, 64);

    private List<ScoredOrdinal> naive(ResolvedQuery q, int k, IntPredicate exclude) {
        List<ScoredOrdinal> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!exclude.test(i)) {
                all.add(new ScoredOrdinal(i, q.score(rows.get(i))));
            }
        }
        all.sort(Comparator.comparing(ScoredOrdinal::score).reversed().thenComparing(ScoredOrdinal::ordinal));
        return all.subList(0, Math.min(k, all.size()));
    }

    private List<ResolvedQuery> queries() {
        return List.of(ResolvedQuery.sum(rows.get(3)),
                ResolvedQuery.diff(rows.get(5), rows.get(8)),
                ResolvedQuery.diff(rows.get(0), rows.get(999)));
    }

    @Test
    void topKMatchesANaiveSortWithBothKernels() {
        for (DotKernel kernel : List.of(new ScalarDotKernel(), new SimdDotKernel())) {
            ExactScanner scanner = new ExactScanner(matrix, kernel);
            for (ResolvedQuery q : queries()) {
                for (int k : new int[] {1, 10, 100}) {
                    List<ScoredOrdinal> expected = naive(q, k, ord -> false);
                    List<ScoredOrdinal> got = scanner.topK(q, k);
                    assertEquals(k, got.size());
                    for (int i = 0; i < k; i++) {
                        assertEquals(expected.get(i).score(), got.get(i).score(), 1e-5f, kernel.name() + " " + q);
                    }
                    // the same candidates, up to a swap of near-ties at the k-th place (float vs double sums)
                    float kth = expected.get(k - 1).score();
                    for (ScoredOrdinal s : got) {
                        assertEquals(q.score(rows.get(s.ordinal())), s.score(), 1e-5f);
                        assertTrue(s.score() >= kth - 1e-5f);
                    }
                    assertEquals(k, got.stream().map(ScoredOrdinal::ordinal).distinct().count());
                }
            }
        }
    }

    @Test
    void theBaseImageItselfComesLastUnderDiffAndCanBeExcluded() {
        ExactScanner scanner = new ExactScanner(matrix);
        ResolvedQuery q = ResolvedQuery.diff(rows.get(5), rows.get(8));
        List<ScoredOrdinal> all = scanner.topK(q, rows.size());
        assertEquals(5, all.get(all.size() - 1).ordinal());
        assertEquals(ResolvedQuery.NO_MOVE_SCORE, all.get(all.size() - 1).score());
        ResolvedQuery sum = ResolvedQuery.sum(rows.get(3));
        assertEquals(3, scanner.topK(sum, 1).get(0).ordinal());
        IntPredicate notThree = ord -> ord == 3;
        List<ScoredOrdinal> without = scanner.topK(sum, 10, notThree);
        assertTrue(without.stream().noneMatch(s -> s.ordinal() == 3));
        assertEquals(naive(sum, 10, notThree).stream().map(ScoredOrdinal::ordinal).toList(),
                without.stream().map(ScoredOrdinal::ordinal).toList());
    }

    @Test
    void returnsEverythingWhenKExceedsTheSizeAndChecksDimensions() {
        ExactScanner scanner = new ExactScanner(matrix);
        assertEquals(rows.size(), scanner.topK(ResolvedQuery.sum(rows.get(1)), 5000).size());
        assertThrows(IllegalArgumentException.class, () -> scanner.topK(ResolvedQuery.sum(new float[] {1, 0}), 3));
        assertThrows(IllegalArgumentException.class, () -> scanner.topK(ResolvedQuery.sum(rows.get(1)), 0));
    }
}
