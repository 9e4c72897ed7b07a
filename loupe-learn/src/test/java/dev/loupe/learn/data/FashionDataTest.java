package dev.loupe.learn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionDataTest {
    static final Path DIR = Path.of(System.getProperty("loupe.shared", "../../shared"), "datasets", "fashion-mnist");

    @Test
    void readsTheIdxFiles() {
        FashionMnist test = FashionMnist.load(DIR, false);
        assertEquals(10000, test.count());
        assertEquals(28, test.rows());
        int[] perClass = new int[10];
        for (int l : test.labels()) {
            perClass[l]++;
        }
        for (int c : perClass) {
            assertEquals(1000, c, "Fashion-MNIST's test split has 1000 items per class");
        }
        assertEquals(9, test.labels()[0], "the first test item is an ankle boot");
    }

    @Test
    void missingFilesAreNamed(@TempDir Path empty) {
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(empty, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void colouredVariantTintsAndCaptionsEveryItem() {
        FashionMnist test = FashionMnist.load(DIR, false).head(20);
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
