package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.Vectors;
import dev.loupe.core.query.Term.Kind;
import dev.loupe.core.query.Term.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The measures' formulas on constructed vectors, checked against {@link Vectors}' independent cosine. */
class ResolvedQueryTest {
    private static final float EPS = 1e-5f;

    private final Map<String, float[]> space = new HashMap<>(Map.of(
            "img", new float[] {1, 0, 0, 0},
            "blue", new float[] {0, 1, 0, 0},
            "red", new float[] {0, 0, 1, 0},
            "green", new float[] {0, 0, 0, 1},
            "big", new float[] {0, 0, 5, 0},   // same direction as red, length 5
            "zero", new float[] {0, 0, 0, 0},
            "nan", new float[] {Float.NaN, 0, 0, 0},
            "short", new float[] {1, 0, 0}));

    private final TermResolver resolver = t -> space.get(t.value());

    private QueryExpr analogy(Measure m, String base, String minus, String plus) {
        return new QueryExpr(List.of(Term.of(Kind.IMAGE_ID, base, Role.BASE),
                Term.parse(Kind.TEXT, Role.MINUS, minus), Term.parse(Kind.TEXT, Role.PLUS, plus)), m);
    }

    private static float[] v(float... xs) {
        return xs;
    }

    @Test
    void sumIsCosineWithImageMinusSubPlusAdd() {
        ResolvedQuery q = ResolvedQuery.resolve(analogy(Measure.SUM, "img", "blue", "red"), resolver);
        assertEquals(Measure.SUM, q.measure());
        float[] expectedQ = v(1, -1, 1, 0);
        assertArrayEquals(Vectors.normalize(expectedQ), q.sumVector(), EPS);
        assertEquals(1 / (float) Math.sqrt(3), q.score(v(0, 0, 1, 0)), EPS);   // cos(e3, e1 − e2 + e3)
        assertEquals(-1 / (float) Math.sqrt(3), q.score(v(0, 1, 0, 0)), EPS);
        float[] x = v(0.3f, -0.2f, 0.9f, 0.1f);
        assertEquals(Vectors.cosine(x, expectedQ), q.score(x), EPS);
    }

    @Test
    void sumWeightsAreAbsoluteAndTermsAreNormalisedFirst() {
        ResolvedQuery q = ResolvedQuery.resolve(analogy(Measure.SUM, "img", "blue", "2:big"), resolver);
        float[] expectedQ = v(1, -1, 2, 0);   // "big" is 5·e3, normalised to e3 before its weight 2 applies
        assertEquals(2 / (float) Math.sqrt(6), q.score(v(0, 0, 1, 0)), EPS);
        float[] x = v(-0.4f, 0.5f, 0.2f, 0.7f);
        assertEquals(Vectors.cosine(x, expectedQ), q.score(x), EPS);
    }

    @Test
    void sumAddsSeveralPlusAndMinusTerms() {
        QueryExpr e = analogy(Measure.SUM, "img", "blue", "red").plus("0.5:green").minus("3:big");
        ResolvedQuery q = ResolvedQuery.resolve(e, resolver);
        float[] expectedQ = v(1, -1, 1 - 3, 0.5f);
        float[] x = v(0.1f, 0.2f, -0.3f, 0.4f);
        assertEquals(Vectors.cosine(x, expectedQ), q.score(x), EPS);
    }

    @Test
    void diffIsCosineOfCandidateMinusBaseWithAddMinusSub() {
        ResolvedQuery q = ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "blue", "red"), resolver);
        assertEquals(Measure.DIFF, q.measure());
        assertArrayEquals(v(1, 0, 0, 0), q.base(), EPS);
        assertArrayEquals(Vectors.normalize(v(0, -1, 1, 0)), q.direction(), EPS);
        assertNull(q.sumVector());
        // X = (e1 + e3)/√2: X − e1 = (1/√2 − 1, 0, 1/√2, 0), d = e3 − e2 → cos = 1 / (2·√(2 − √2))
        float s = (float) Math.sqrt(0.5);
        assertEquals(1 / (2 * Math.sqrt(2 - Math.sqrt(2))), q.score(v(s, 0, s, 0)), EPS);
        Random rnd = new Random(7);
        for (int i = 0; i < 50; i++) {
            float[] x = Vectors.normalize(v(rnd.nextFloat() - 0.5f, rnd.nextFloat() - 0.5f, rnd.nextFloat() - 0.5f,
                    rnd.nextFloat() - 0.5f));
            float expected = Vectors.cosine(Vectors.subtract(x, space.get("img")), v(0, -1, 1, 0));
            assertEquals(expected, q.score(x), EPS);
        }
    }

    @Test
    void diffScoreDoesNotDependOnTheStepLength() {
        ResolvedQuery q = ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "blue", "red"), resolver);
        // X = q_img + t·d for a short and a long step (candidates need not be unit length for the formula)
        float[] near = v(1, -0.1f, 0.1f, 0);
        float[] far = v(1, -10, 10, 0);
        assertEquals(1f, q.score(near), EPS);
        assertEquals(1f, q.score(far), EPS);
        assertEquals(-1f, q.score(v(1, 3, -3, 0)), EPS);   // the opposite way
    }

    @Test
    void diffUsesOnlyTheRatioOfPlusAndMinusWeights() {
        QueryExpr weighted = analogy(Measure.DIFF, "img", "blue", "2:red").plus("green");
        ResolvedQuery q = ResolvedQuery.resolve(weighted, resolver);
        float[] d = v(0, -1, 2, 1);
        float[] x = Vectors.normalize(v(0.5f, 0.1f, 0.6f, -0.3f));
        assertEquals(Vectors.cosine(Vectors.subtract(x, space.get("img")), d), q.score(x), EPS);
        ResolvedQuery tripled = ResolvedQuery.resolve(
                analogy(Measure.DIFF, "img", "3:blue", "6:red").plus("3:green"), resolver);
        assertEquals(q.score(x), tripled.score(x), EPS);
    }

    @Test
    void diffCandidateEqualToTheBaseRanksLast() {
        ResolvedQuery q = ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "blue", "red"), resolver);
        assertEquals(ResolvedQuery.NO_MOVE_SCORE, q.score(v(1, 0, 0, 0)));
        assertEquals(-1f, q.score(v(1, 0, 0, 0)));
        assertEquals(ResolvedQuery.NO_MOVE_SCORE, q.score(v(1, 1e-4f, 0, 0)));   // within float noise of the base
        assertTrue(q.score(v(1, 0, 0.05f, 0)) > 0.5f);                            // a real small step still counts
    }

    @Test
    void diffWithCancellingTermsIsRefused() {
        QueryException e = assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "red", "red"), resolver));
        assertTrue(e.getMessage().contains("the + and \u2212 terms") && e.getMessage().contains("cancel out"),
                e.getMessage());
        // the same direction at another length cancels too: terms are normalised before weighting
        assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "2:red", "2:big"), resolver));
    }

    @Test
    void sumWithCancellingTermsIsRefused() {
        QueryExpr e = new QueryExpr(List.of(Term.of(Kind.TEXT, "red", Role.BASE),
                Term.of(Kind.TEXT, "big", Role.MINUS)), Measure.SUM);
        QueryException ex = assertThrows(QueryException.class, () -> ResolvedQuery.resolve(e, resolver));
        assertTrue(ex.getMessage().contains("cancel out"), ex.getMessage());
    }

    @Test
    void zeroLengthOrNonFiniteTermIsAClearError() {
        QueryException zero = assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "blue", "zero"), resolver));
        assertTrue(zero.getMessage().contains("+'zero'") && zero.getMessage().contains("zero-length"),
                zero.getMessage());
        QueryException nan = assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(QueryExpr.imageId("nan"), resolver));
        assertTrue(nan.getMessage().contains("non-finite"), nan.getMessage());
        QueryException missing = assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(QueryExpr.text("unknown"), resolver));
        assertTrue(missing.getMessage().contains("'unknown'"), missing.getMessage());
    }

    @Test
    void termsOfDifferentDimensionAreRefused() {
        QueryException e = assertThrows(QueryException.class,
                () -> ResolvedQuery.resolve(analogy(Measure.SUM, "img", "blue", "short"), resolver));
        assertTrue(e.getMessage().contains("3 dimensions") && e.getMessage().contains("4"), e.getMessage());
    }

    @Test
    void plainTextAndImageQueriesAreCosineSimilarity() {
        float[] x = v(0.2f, 0.4f, 0.1f, 0.8f);
        for (Measure m : Measure.values()) {
            ResolvedQuery text = ResolvedQuery.resolve(QueryExpr.text("big").withMeasure(m), resolver);
            assertEquals(Measure.SUM, text.measure());
            assertEquals(Vectors.cosine(x, space.get("red")), text.score(x), EPS);
            ResolvedQuery image = ResolvedQuery.resolve(QueryExpr.imageId("img").withMeasure(m), resolver);
            assertEquals(Vectors.cosine(x, space.get("img")), image.score(x), EPS);
        }
    }

    @Test
    void composedQueryIsTheWeightedSumOfNormalisedImageAndText() {
        float[] x = v(0.2f, 0.4f, 0.7f, -0.1f);
        for (Measure m : Measure.values()) {
            QueryExpr composed = new QueryExpr(List.of(new Term(Kind.IMAGE_ID, "img", 2f, Role.BASE),
                    new Term(Kind.TEXT, "big", 0.5f, Role.BASE)), m);
            ResolvedQuery q = ResolvedQuery.resolve(composed, resolver);
            assertEquals(Measure.SUM, q.measure());
            assertEquals(Vectors.cosine(x, v(2, 0, 0.5f, 0)), q.score(x), EPS);
        }
    }

    @Test
    void textWithANegativeTermIsScoredAsASum() {
        QueryExpr e = new QueryExpr(List.of(Term.of(Kind.TEXT, "red", Role.BASE),
                Term.of(Kind.TEXT, "green", Role.MINUS)), Measure.DIFF);
        ResolvedQuery q = ResolvedQuery.resolve(e, resolver);
        assertEquals(Measure.SUM, q.measure());
        float[] x = v(0.1f, 0.1f, 0.6f, 0.5f);
        assertEquals(Vectors.cosine(x, v(0, 0, 1, -1)), q.score(x), EPS);
    }

    @Test
    void aTrainedComposerReplacesTheWeightedSum() {
        Composer fixed = (terms, units) -> v(0, 0, 0, 3);
        QueryExpr composed = QueryExpr.imageId("img").with(Term.of(Kind.TEXT, "red", Role.BASE));
        ResolvedQuery q = ResolvedQuery.resolve(composed, resolver, fixed);
        assertEquals(1f, q.score(v(0, 0, 0, 1)), EPS);
        Composer wrong = (terms, units) -> v(1, 2);
        assertThrows(QueryException.class, () -> ResolvedQuery.resolve(composed, resolver, wrong));
    }

    @Test
    void scoreFromDotProductsMatchesScoreOfTheVector() {
        Random rnd = new Random(3);
        List<ResolvedQuery> queries = List.of(
                ResolvedQuery.resolve(analogy(Measure.SUM, "img", "blue", "red"), resolver),
                ResolvedQuery.resolve(analogy(Measure.DIFF, "img", "blue", "red").plus("0.3:green"), resolver));
        for (ResolvedQuery q : queries) {
            for (int i = 0; i < 20; i++) {
                float[] x = v(rnd.nextFloat(), rnd.nextFloat() - 0.5f, rnd.nextFloat(), rnd.nextFloat() * 3);
                float xs = q.secondary() == null ? 0f : Vectors.dot(x, q.secondary());
                assertEquals(q.score(x), q.score(Vectors.dot(x, q.primary()), xs, Vectors.dot(x, x)), EPS);
            }
        }
    }

    @Test
    void directFactoriesRefuseZeroVectorsAndCheckCandidates() {
        assertThrows(QueryException.class, () -> ResolvedQuery.sum(v(0, 0)));
        assertThrows(QueryException.class, () -> ResolvedQuery.diff(v(1, 0), v(0, 0)));
        assertThrows(QueryException.class, () -> ResolvedQuery.diff(v(1, 0), v(0, 1, 0)));
        ResolvedQuery q = ResolvedQuery.sum(v(3, 4));
        assertEquals(0.8f, q.score(v(0, 1)), EPS);
        assertThrows(IllegalArgumentException.class, () -> q.score(v(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> q.score(v(0, 0, 1)));
    }
}
