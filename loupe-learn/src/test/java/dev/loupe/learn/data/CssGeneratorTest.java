package dev.loupe.learn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CssGeneratorTest {
    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        ComposeData a = new CssGenerator(30, 10, 2, 32, 7).generate();
        ComposeData b = new CssGenerator(30, 10, 2, 32, 7).generate();
        ComposeData c = new CssGenerator(30, 10, 2, 32, 8).generate();
        assertEquals(a.train(), b.train());
        assertArrayEquals(a.images().rgb(5), b.images().rgb(5));
        assertNotEquals(a.train(), c.train());
        assertEquals(60, a.train().size());
        assertEquals(20, a.test().size());
        assertEquals(30, a.gallery().length); // 10 sources + 20 targets
    }

    @Test
    void testScenesNeverAppearAsTrainingReferences() {
        ComposeData d = new CssGenerator(300, 100, 1, 16, 3).generate();
        Set<Integer> trainKeys = new HashSet<>();
        d.train().forEach(q -> trainKeys.add(d.key(q.source())));
        for (ComposeQuery q : d.test()) {
            assertTrue(!trainKeys.contains(d.key(q.source())), "test scene reused: " + d.captions().get(q.source()));
        }
    }

    @Test
    void modificationsDoWhatTheTextSays() {
        Random rnd = new Random(1);
        for (int i = 0; i < 300; i++) {
            CssScene s = CssGenerator.randomScene(rnd);
            CssGenerator.Modification m = CssGenerator.modify(s, rnd);
            int before = s.objects().size();
            int after = m.result().objects().size();
            switch (m.kind()) {
                case "add" -> {
                    assertEquals(before + 1, after, m.text());
                    assertTrue(m.text().matches("add (small|large) \\w+ \\w+ to \\w+-\\w+"), m.text());
                    assertTrue(m.result().caption().contains(m.added()), m.text());
                }
                case "remove" -> {
                    assertEquals(before - 1, after, m.text());
                    assertTrue(m.text().startsWith("remove "), m.text());
                    assertTrue(!m.result().caption().contains(m.removed()), m.text());
                }
                default -> {
                    assertEquals(before, after, m.text());
                    assertTrue(m.text().matches("make \\w+-\\w+ \\w+ object \\w+"), m.text());
                    assertNotEquals(s.key(), m.result().key(), m.text());
                }
            }
        }
    }

    @Test
    void rendersShapesInTheirCells() {
        CssObject red = new CssObject("square", "red", "large", 0, 0, 0, 0);
        BufferedImage img = new CssRenderer(48).render(new CssScene(List.of(red)));
        int center = img.getRGB(8, 8);
        assertTrue(((center >> 16) & 0xff) > 180 && (center & 0xff) < 80, "top-left is red");
        int empty = img.getRGB(40, 40);
        assertEquals(235, (empty >> 16) & 0xff, "bottom-right is background");
        assertThrows(IllegalArgumentException.class, () -> new CssScene(List.of(red, red)));
    }
}
