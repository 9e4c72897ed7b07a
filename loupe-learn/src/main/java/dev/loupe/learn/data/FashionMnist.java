package dev.loupe.learn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST in its original IDX files (optionally gzipped): 28x28 grayscale images of ten clothing classes.
 *
 * @param pixels {@code count * rows * cols} bytes, image after image, row-major
 * @param labels class index 0..9 of each image
 */
public record FashionMnist(int count, int rows, int cols, byte[] pixels, int[] labels) {
    /** Class names in label order, as plain nouns usable in captions. */
    public static final List<String> CLASSES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    public FashionMnist {
        if (pixels.length != count * rows * cols || labels.length != count) {
            throw new IllegalArgumentException("fashion-mnist: " + count + " images need " + count * rows * cols
                    + " pixels and " + count + " labels");
        }
    }

    /** Reads the training split ({@code train-*}) or test split ({@code t10k-*}) from {@code dir}. */
    public static FashionMnist load(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            int magic = im.readInt();
            if (magic != 0x803) {
                throw new IllegalArgumentException(images + " is not an IDX image file (magic " + Integer.toHexString(magic)
                        + ", expected 803)");
            }
            int n = im.readInt();
            int rows = im.readInt();
            int cols = im.readInt();
            if (lb.readInt() != 0x801) {
                throw new IllegalArgumentException(labels + " is not an IDX label file (expected magic 801)");
            }
            int nl = lb.readInt();
            if (nl != n) {
                throw new IllegalArgumentException(labels + " has " + nl + " labels but " + images + " has " + n
                        + " images");
            }
            byte[] px = new byte[n * rows * cols];
            im.readFully(px);
            byte[] lab = new byte[n];
            lb.readFully(lab);
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                l[i] = lab[i];
                if (l[i] < 0 || l[i] >= CLASSES.size()) {
                    throw new IllegalArgumentException(labels + ": label " + l[i] + " of item " + i + " is not 0..9");
                }
            }
            return new FashionMnist(n, rows, cols, px, l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fashion-mnist from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code n} items (or all if fewer). */
    public FashionMnist head(int n) {
        int k = Math.min(n, count);
        return new FashionMnist(k, rows, cols, java.util.Arrays.copyOf(pixels, k * rows * cols),
                java.util.Arrays.copyOf(labels, k));
    }

    /** Grayscale value (0..255) of pixel (r, c) of item i. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }

    private static Path find(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("fashion-mnist file " + base + "(.gz) not found in " + dir
                + "; point --data at the folder holding the four IDX files");
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        if (p.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }
}
