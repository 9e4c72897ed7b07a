package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheKBestLikeAFullSort() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(300);
            int k = 1 + rnd.nextInt(40);
            List<ScoredOrdinal> all = new ArrayList<>();
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                float s = rnd.nextInt(50) / 10f;   // many ties
                all.add(new ScoredOrdinal(i, s));
                top.offer(i, s);
            }
            all.sort(Comparator.comparing(ScoredOrdinal::score).reversed()
                    .thenComparing(ScoredOrdinal::ordinal));
            assertEquals(all.subList(0, Math.min(k, n)), top.results());
        }
    }

    @Test
    void ignoresNaNAndRefusesNonPositiveK() {
        TopK top = new TopK(2);
        top.offer(0, Float.NaN);
        top.offer(1, -1f);
        assertEquals(List.of(new ScoredOrdinal(1, -1f)), top.results());
        assertThrows(IllegalArgumentException.class, () -> new TopK(0));
    }
}
