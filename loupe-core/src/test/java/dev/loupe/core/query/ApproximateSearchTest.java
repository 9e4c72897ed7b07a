package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApproximateSearchTest {
    private static final int K = 10;

    private ClusteredData data;
    private ExactScanner exact;
    private HnswCandidateSource hnsw;
    private List<ClusteredData.Analogy> analogies;

    @BeforeAll
    void buildSmallClusteredSet() {
        data = new ClusteredData(6000, 128, 30, 10, 17);
        exact = new ExactScanner(data.vectors);
        hnsw = HnswCandidateSource.floats(data.vectors, 16, 100, 17);
        analogies = data.analogies(40, 18);
    }

    private double recall(Measure measure, CandidateSource source, ProbeSettings settings) {
        ApproximateSearch approx = new ApproximateSearch(source, data.vectors, settings);
        List<List<ScoredOrdinal>> got = new ArrayList<>();
        List<List<ScoredOrdinal>> truth = new ArrayList<>();
        for (ClusteredData.Analogy a : analogies) {
            ResolvedQuery q = ResolvedQuery.resolve(a.expr(measure), data.resolver());
            assertEquals(measure, q.measure());
            got.add(approx.topK(q, K));
            truth.add(exact.topK(q, K));
        }
        return AnalogyBench.recall(got, truth);
    }

    @Test
    void diffProbesFindTheExactTopTenWithAnExactInnerProductIndex() {
        double r = recall(Measure.DIFF, HnswCandidateSource.exact(exact), ProbeSettings.DEFAULT);
        assertTrue(r >= 0.95, "recall@10 " + r);
    }

    @Test
    void diffProbesFindTheExactTopTenWithARealHnswGraph() {
        double r = recall(Measure.DIFF, hnsw, ProbeSettings.DEFAULT);
        assertTrue(r >= 0.9, "recall@10 " + r);
    }

    @Test
    void aSingleProbeAtTheBaseMissesMostDiffAnswers() {
        // the reason for probing along the direction: the base's own neighbours are the wrong candidates
        double r = recall(Measure.DIFF, HnswCandidateSource.exact(exact), new ProbeSettings(List.of(0f), false, 4));
        assertTrue(r < 0.8, "recall@10 " + r);
    }

    @Test
    void sumIsExactWithAnExactIndexAndCloseWithHnsw() {
        assertEquals(1.0, recall(Measure.SUM, HnswCandidateSource.exact(exact), ProbeSettings.DEFAULT), 1e-9);
        double r = recall(Measure.SUM, hnsw, ProbeSettings.DEFAULT);
        assertTrue(r >= 0.9, "recall@10 " + r);
    }

    @Test
    void anIndexReturningEverythingGivesTheExactResult() {
        int[] everything = IntStream.range(0, data.vectors.size()).toArray();
        ApproximateSearch all = new ApproximateSearch((probe, k) -> everything, data.vectors);
        ResolvedQuery q = ResolvedQuery.resolve(analogies.get(0).expr(Measure.DIFF), data.resolver());
        assertEquals(exact.topK(q, K), all.topK(q, K));
        int base = analogies.get(0).item();
        List<ScoredOrdinal> withoutBase = all.topK(q, data.vectors.size(), ord -> ord == base);
        assertTrue(withoutBase.stream().noneMatch(s -> s.ordinal() == base));
        assertEquals(data.vectors.size() - 1, withoutBase.size());
    }

    @Test
    void probesLieBetweenTheBaseAndTheDirection() {
        ProbeSettings settings = new ProbeSettings(List.of(0f, 1f), true, 3);
        ApproximateSearch approx = new ApproximateSearch((probe, k) -> new int[0], data.vectors, settings);
        ResolvedQuery diff = ResolvedQuery.resolve(analogies.get(1).expr(Measure.DIFF), data.resolver());
        List<float[]> probes = approx.probes(diff);
        assertEquals(3, probes.size());
        assertArrayEquals(diff.base(), probes.get(0), 1e-6f);
        float[] d = diff.direction();
        assertArrayEquals(Vectors.normalize(Vectors.add(diff.base(), d)), probes.get(1), 1e-6f);
        assertArrayEquals(d, probes.get(2), 1e-6f);
        ResolvedQuery sum = ResolvedQuery.resolve(analogies.get(1).expr(Measure.SUM), data.resolver());
        assertEquals(1, approx.probes(sum).size());
        assertArrayEquals(sum.sumVector(), approx.probes(sum).get(0), 1e-6f);
        assertEquals(30, settings.perProbe(10));
        assertEquals(90, settings.sumPerProbe(10));
        assertEquals(10, new ProbeSettings(List.of(1f), false, 1).perProbe(10));
    }

    @Test
    void candidatesAreTheDistinctUnionOfAllProbes() {
        ProbeSettings settings = new ProbeSettings(List.of(0.5f, 1f), true, 1);
        int[][] answers = {{5, 3, 9}, {3, 7}, {9, 1}};
        int[] call = {0};
        ApproximateSearch approx = new ApproximateSearch((probe, k) -> answers[call[0]++], data.vectors, settings);
        ResolvedQuery q = ResolvedQuery.resolve(analogies.get(2).expr(Measure.DIFF), data.resolver());
        assertArrayEquals(new int[] {1, 3, 5, 7, 9}, approx.candidates(q, 10));
    }

    @Test
    void anOrdinalOutsideTheStoreIsAnError() {
        ApproximateSearch approx = new ApproximateSearch((probe, k) -> new int[] {data.vectors.size()}, data.vectors);
        ResolvedQuery q = ResolvedQuery.sum(data.vectors.row(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> approx.topK(q, 3));
        assertTrue(e.getMessage().contains("out of step"), e.getMessage());
    }

    @Test
    void aRefinementProbesWhereTheMeasureIsTangentToTheBestCandidate() {
        // base e0, direction e1; the one candidate X = normalize(e0 + 0.3·e1) lies at distance r from the base with
        // score s = cos(X − e0, e1); the probe whose ranking agrees with the measure there has λ = r / s
        float[] x = Vectors.normalize(new float[] {1f, 0.3f, 0f});
        VectorMatrix vectors = VectorMatrix.of(List.of(x, new float[] {0f, 0f, 1f}));
        ResolvedQuery q = ResolvedQuery.diff(new float[] {1f, 0f, 0f}, new float[] {0f, 1f, 0f});
        double r = Math.sqrt((x[0] - 1) * (x[0] - 1) + x[1] * x[1]);
        double score = x[1] / r;
        List<float[]> asked = new ArrayList<>();
        ApproximateSearch approx = new ApproximateSearch((probe, k) -> {
            asked.add(probe);
            return new int[] {0};
        }, vectors, new ProbeSettings(List.of(4f), false, 1, 1));
        approx.candidates(q, 1);
        assertEquals(2, asked.size());
        float[] expected = Vectors.normalize(new float[] {1f, (float) (r / score), 0f});
        assertArrayEquals(expected, asked.get(1), 1e-5f);
    }

    @Test
    void tangentRefinementsRecoverAnswersThatAMisjudgedLambdaMisses() {
        CandidateSource ip = HnswCandidateSource.exact(exact);
        double tooShort = recall(Measure.DIFF, ip, new ProbeSettings(List.of(0.1f), false, 2));
        double refined = recall(Measure.DIFF, ip, new ProbeSettings(List.of(0.1f), false, 2, 2));
        assertTrue(refined >= 0.9 && refined > tooShort + 0.2, "λ 0.1: " + tooShort + ", refined: " + refined);
        double tooLong = recall(Measure.DIFF, ip, new ProbeSettings(List.of(8f), false, 2));
        double refinedLong = recall(Measure.DIFF, ip, new ProbeSettings(List.of(8f), false, 2, 2));
        assertTrue(refinedLong >= 0.9 && refinedLong > tooLong, "λ 8: " + tooLong + ", refined: " + refinedLong);
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(List.of(), false, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(List.of(-1f), false, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(List.of(1f), false, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(List.of(Float.NaN), false, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSettings(List.of(1f), false, 2, -1));
    }
}
