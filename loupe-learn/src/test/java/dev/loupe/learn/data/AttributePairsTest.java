package dev.loupe.learn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fashion200k-style mining: pairs whose descriptions differ by exactly one attribute word. */
class AttributePairsTest {
    private static final List<String> ITEMS = List.of(
            "black leather jacket", // 0
            "Red leather-jacket",   // 1: same words once case and punctuation are folded
            "red floral dress",     // 2
            "black floral dress",   // 3
            "black leather boots",  // 4
            "red dress 17",         // 5
            "red dress 42");        // 6: differs from 5 only in an identifier: no pair

    @Test
    void minesOneWordSwapsBothWaysAndNeverSwapsIdentifiers() {
        List<AttributePairs.Mined> mined = AttributePairs.mine(ITEMS, AttributePairs.Phrase.WORD, 1);
        Set<String> got = new HashSet<>();
        for (AttributePairs.Mined m : mined) {
            ComposeQuery q = m.query();
            got.add(q.source() + ">" + q.target() + ":" + q.text());
            assertEquals(q.added(), q.text());
        }
        assertEquals(Set.of("0>1:red", "1>0:black", "2>3:black", "3>2:red", "0>4:boots", "4>0:jacket"), got);
        List<AttributePairs.Mined> replace = AttributePairs.mine(ITEMS, AttributePairs.Phrase.REPLACE, 1);
        assertTrue(replace.stream().anyMatch(m -> m.query().text().equals("replace black with red")
                && m.query().source() == 0 && m.query().target() == 1));
    }

    @Test
    void splitsByGroupSoThatAnItemIsOnOneSide() {
        List<String> many = new java.util.ArrayList<>();
        for (int item = 0; item < 20; item++) {
            for (String c : List.of("red", "blue", "green")) {
                many.add(c + " dress " + item);
            }
        }
        List<AttributePairs.Mined> mined = AttributePairs.mine(many, AttributePairs.Phrase.WORD, 3);
        assertEquals(20 * 3 * 2, mined.size());
        Map<Boolean, List<ComposeQuery>> parts = AttributePairs.split(mined, 0.25, 3);
        assertEquals(5 * 6, parts.get(true).size());
        Set<Integer> heldOutItems = new HashSet<>();
        parts.get(true).forEach(q -> heldOutItems.add(q.source() / 3));
        parts.get(false).forEach(q -> assertFalse(heldOutItems.contains(q.source() / 3)));
        parts.get(false).forEach(q -> assertFalse(heldOutItems.contains(q.target() / 3)));
        assertThrows(IllegalArgumentException.class, () -> AttributePairs.split(mined, 1.0, 3));
    }
}
