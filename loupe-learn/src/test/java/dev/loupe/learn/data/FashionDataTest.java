package dev.loupe.learn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.datasets.FashionMnist;
import org.junit.jupiter.api.Test;

/** The coloured Fashion-MNIST variant; the IDX reader itself is tested in loupe-datasets. */
class FashionDataTest {
    @Test
    void colouredVariantTintsAndCaptionsEveryItem() {
        FashionMnist test = FashionMnist.read(FashionMnist.defaultFolder(), false, 20);
        ComposeData d = new ColoredFashion(10, 10, 2, 1).build(test, test);
        int colors = ColoredFashion.COLORS.size();
        assertEquals(20 * colors, d.images().count());
        assertEquals(10 * colors, d.gallery().length);
        assertEquals("a red ankle boot", d.captions().get(0));
        for (ComposeQuery q : d.test()) {
            assertEquals(q.source() / colors, q.target() / colors, "same item");
            assertEquals("make it " + q.added(), q.text());
            assertTrue(d.captions().get(q.target()).contains(q.added()));
            assertTrue(d.captions().get(q.source()).contains(q.removed()));
        }
        // red tint: the red channel dominates where the item is bright
        byte[] rgb = d.images().rgb(0);
        int bright = 0;
        for (int p = 0; p < 28 * 28; p++) {
            if ((rgb[p * 3] & 0xff) > 100) {
                bright++;
                assertTrue((rgb[p * 3 + 2] & 0xff) < (rgb[p * 3] & 0xff));
            }
        }
        assertTrue(bright > 20);
    }
}
