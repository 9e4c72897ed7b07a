package dev.loupe.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    static final Path DATA = FashionMnist.defaultFolder();

    @Test
    void readsTheTestSplitWithBalancedClassesAndRendersGarmentsInTheCentre() {
        FashionMnist test = FashionMnist.read(DATA, false);
        assertEquals("test", test.split());
        assertEquals(10_000, test.size());
        assertEquals(28, test.rows());
        assertEquals(28, test.cols());
        int[] perClass = new int[10];
        for (int y : test.labels()) {
            perClass[y]++;
        }
        for (int n : perClass) {
            assertEquals(1000, n, "Fashion-MNIST's test split has 1000 images per class");
        }
        assertEquals(9, test.labels()[0], "the first test image is an ankle boot");
        BufferedImage img = test.render(0, 256, 224, true);
        assertEquals(256, img.getWidth());
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(0xFFFFFF, img.getRGB(5, 5) & 0xFFFFFF, "inverted: white margin");
        int centre = img.getRGB(128, 128) & 0xFF;
        assertTrue(centre < 200, "the garment (an ankle boot) is dark in the middle: " + centre);
        BufferedImage plain = test.render(0, 256, 224, false);
        assertEquals(0, plain.getRGB(5, 5) & 0xFFFFFF, "original: black margin");
    }

    @Test
    void aLimitReadsTheFirstImagesOnlyAndHeadAgrees() {
        FashionMnist first = FashionMnist.read(DATA, false, 30);
        FashionMnist all = FashionMnist.read(DATA, false);
        assertEquals(30, first.size());
        assertArrayEquals(all.head(30).pixels(), first.pixels());
        assertArrayEquals(all.head(30).labels(), first.labels());
        assertArrayEquals(all.image(29), first.image(29));
        assertEquals(30, first.images(30).size());
        BufferedImage gray = first.gray(0);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, gray.getType());
        assertEquals(first.pixel(0, 14, 10), gray.getRaster().getSample(10, 14, 0));
    }

    @Test
    void plainIdxFilesAreReadLikeGzippedOnes(@TempDir Path dir) throws IOException {
        byte[] px = new byte[2 * 3 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 20);
        }
        write(Files.newOutputStream(dir.resolve("train-images-idx3-ubyte")), 0x803, new int[] {2, 3, 2}, px);
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte.gz"))), 0x801,
                new int[] {2}, new byte[] {4, 7});
        FashionMnist f = FashionMnist.read(dir, true);
        assertEquals(2, f.size());
        assertEquals(3, f.rows());
        assertEquals(2, f.cols());
        assertEquals(7, f.labels()[1]);
        assertEquals(11 * 20, f.pixel(1, 2, 1));
    }

    @Test
    void missingForeignMismatchedOrTruncatedFilesAreClearErrors(@TempDir Path dir) throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("no Fashion-MNIST file"), e.getMessage());
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte.gz"))), 0x801,
                new int[] {1}, new byte[0]);
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-labels-idx1-ubyte.gz"))), 0x801,
                new int[] {3}, new byte[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, false));
        assertTrue(e.getMessage().contains("not an IDX image file"), e.getMessage());
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte.gz"))), 0x803,
                new int[] {2, 2, 2}, new byte[8]);
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, false));
        assertTrue(e.getMessage().contains("different splits"), e.getMessage());
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte.gz"))), 0x803,
                new int[] {3, 2, 2}, new byte[8]);
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, false));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte.gz"))), 0x803,
                new int[] {3, 2, 2}, new byte[12]);
        write(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-labels-idx1-ubyte.gz"))), 0x801,
                new int[] {3}, new byte[] {1, 12, 3});
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.read(dir, false));
        assertTrue(e.getMessage().contains("label 12 of image 1 is not 0..9"), e.getMessage());
    }

    private static void write(OutputStream raw, int magic, int[] dims, byte[] data) throws IOException {
        try (DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
