package dev.loupe.core.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BestOfTest {
    @Test
    void keepsTheBestKOfAStreamBestFirstWithTiesInStreamOrder() {
        float[] scores = new float[500];
        Random r = new Random(4);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.nextInt(40) / 40f; // many ties
        }
        BestOf<Integer> best = new BestOf<>(7);
        for (int i = 0; i < scores.length; i++) {
            best.offer(i, scores[i]);
        }
        List<Integer> expected = IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .limit(7).toList();
        assertEquals(expected, best.results().stream().map(BestOf.Scored::item).toList());
        assertEquals(scores[expected.get(0)], best.results().get(0).score());
    }

    @Test
    void anItemThatCannotEnterIsNotCompetitiveAndNaNIsNeverKept() {
        BestOf<String> best = new BestOf<>(2);
        assertTrue(best.competitive(-1f), "room left");
        best.offer("nan", Float.NaN);
        best.offer("a", 0.5f);
        best.offer("b", 0.7f);
        assertFalse(best.competitive(0.4f));
        assertFalse(best.competitive(0.5f), "a tie with the worst kept comes later, so it ranks below");
        assertTrue(best.competitive(0.6f));
        best.offer("c", 0.6f);
        assertEquals(List.of("b", "c"), best.results().stream().map(BestOf.Scored::item).toList());
    }
}
