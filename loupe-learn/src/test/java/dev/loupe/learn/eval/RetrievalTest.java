package dev.loupe.learn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalTest {
    @Test
    void recallCountsContentKeysAndSkipsTheQuerysOwnImage() {
        float[][] gallery = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {-1, 0}};
        int[] keys = {10, 11, 12, 13};
        int[] ids = {0, 1, 2, 3};
        // query 0 starts from image 0 and wants key 11: image 0 is skipped, so image 1 ranks first
        // query 1 wants key 12 but points at (1,0): rank of image 2 is 2 (after 0 and 1)
        float[][] q = {{1, 0}, {1, 0}};
        Map<String, Double> r = Retrieval.recall(q, gallery, keys, ids, new int[] {11, 12}, new int[] {0, -1}, 1, 2, 3);
        assertEquals(50.0, r.get("R@1"));
        assertEquals(50.0, r.get("R@2"));
        assertEquals(100.0, r.get("R@3"));
    }

    @Test
    void analogyMeasuresDifferAsDefined() {
        // query image at 0 degrees, add the direction of 90 degrees, nothing removed.
        // sum: cos(X, (1,1)) picks the item at 45 degrees (the target);
        // diff: cos(X - img, (0,1)) equals cos(angle/2) for a unit X, so the item at 10 degrees wins.
        double r10 = Math.toRadians(10);
        float[][] gallery = {{1, 0}, {(float) Math.cos(r10), (float) Math.sin(r10)}, {0.7071f, 0.7071f}};
        int[] keys = {0, 1, 2};
        Map<String, Double> r = Analogy.evaluate(gallery, keys, new int[] {0, 1, 2}, new float[][] {{1, 0}},
                new float[][] {{0, 0}}, new float[][] {{0, 1}}, new int[] {2}, new int[] {0}, 1, 2);
        assertEquals(100.0, r.get("sum R@1"));
        assertEquals(0.0, r.get("diff R@1"));
        assertEquals(100.0, r.get("diff R@2"));
    }

    @Test
    void statsUseTheSampleStandardDeviation() {
        Stats s = Stats.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.std(), 1e-12);
        assertEquals("2.0 ± 1.0", s.format());
    }
}
