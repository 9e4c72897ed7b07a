package dev.loupe.classify.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    static final Path DATA = Path.of(System.getProperty("loupe.shared"), "datasets", "fashion-mnist");

    @Test
    void readsTheTestSplitWithBalancedClassesAndRendersGarmentsInTheCentre() {
        FashionMnist test = FashionMnist.read(DATA, false);
        assertEquals(10_000, test.size());
        int[] perClass = new int[10];
        for (int y : test.labels()) {
            perClass[y]++;
        }
        for (int n : perClass) {
            assertEquals(1000, n, "Fashion-MNIST's test split has 1000 images per class");
        }
        BufferedImage img = test.image(0, 256, 224, true);
        assertEquals(256, img.getWidth());
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(0xFFFFFF, img.getRGB(5, 5) & 0xFFFFFF, "inverted: white margin");
        int centre = img.getRGB(128, 128) & 0xFF;
        assertTrue(centre < 200, "the garment (an ankle boot) is dark in the middle: " + centre);
        BufferedImage plain = test.image(0, 256, 224, false);
        assertEquals(0, plain.getRGB(5, 5) & 0xFFFFFF, "original: black margin");
    }

    @Test
    void missingOrForeignFilesAreClearErrors(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte.gz")))) {
            out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 1});
        }
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, false));
        assertTrue(e.getMessage().contains("not an IDX image file"), e.getMessage());
    }
}
