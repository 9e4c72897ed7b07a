package dev.loupe.datasets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One split of Fashion-MNIST read from its original IDX files ({@code train-images-idx3-ubyte[.gz]} and
 * {@code train-labels-idx1-ubyte[.gz]}, or {@code t10k-…}): 28x28 grayscale garments, white on black, in ten
 * classes. The IDX layout (a big-endian magic number, the dimensions, then unsigned bytes) is four fields; no
 * library on Maven Central reads it without pulling in a training framework, hence this reader.
 *
 * @param split  "train" or "test"
 * @param rows   image height (28)
 * @param cols   image width (28)
 * @param pixels {@code size * rows * cols} bytes, image after image, row-major (0 = black background)
 * @param labels class index 0..9 of each image
 */
public record FashionMnist(String split, int rows, int cols, byte[] pixels, int[] labels) {
    /** Class names in label order, as the dataset publishes them (reports, folder names). */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The same classes as plain lower-case nouns, for captions ("a red dress") and word embeddings. */
    public static final List<String> NOUNS = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");
    private static final int IMAGES_MAGIC = 0x803;
    private static final int LABELS_MAGIC = 0x801;

    public FashionMnist {
        if (rows < 1 || cols < 1 || pixels.length != (long) labels.length * rows * cols) {
            throw new IllegalArgumentException("fashion-mnist " + split + ": " + labels.length + " labels need "
                    + (long) labels.length * rows * cols + " pixels of " + rows + "x" + cols + ", got "
                    + pixels.length);
        }
    }

    /**
     * Fashion-MNIST under the shared data folder: {@code <shared>/datasets/fashion-mnist}, where shared is the
     * {@code loupe.shared} system property (set by the build), else {@code $LOUPE_SHARED}, else {@code ../shared}.
     */
    public static Path defaultFolder() {
        String shared = System.getProperty("loupe.shared");
        if (shared == null || shared.isBlank()) {
            shared = System.getenv().getOrDefault("LOUPE_SHARED", "");
        }
        return Path.of(shared.isBlank() ? "../shared" : shared, "datasets", "fashion-mnist");
    }

    /** The whole training split (60,000 images) or test split (10,000) from {@code dir}. */
    public static FashionMnist read(Path dir, boolean train) {
        return read(dir, train, Integer.MAX_VALUE);
    }

    /** The first {@code limit} images (or all, if fewer) of the training or test split in {@code dir}. */
    public static FashionMnist read(Path dir, boolean train, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        String prefix = train ? "train" : "t10k";
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        try (DataInputStream im = open(imagesFile); DataInputStream lb = open(labelsFile)) {
            expect(im.readInt(), IMAGES_MAGIC, imagesFile, "image");
            int n = im.readInt();
            int rows = im.readInt();
            int cols = im.readInt();
            expect(lb.readInt(), LABELS_MAGIC, labelsFile, "label");
            int nl = lb.readInt();
            if (n < 0 || rows < 1 || cols < 1 || nl != n) {
                throw new IllegalArgumentException(imagesFile + " holds " + n + " images of " + rows + "x" + cols
                        + " but " + labelsFile + " holds " + nl + " labels; the files belong to different splits");
            }
            int count = Math.min(n, limit);
            byte[] px = new byte[Math.multiplyExact(count, rows * cols)];
            im.readFully(px);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = lb.readUnsignedByte();
                if (labels[i] >= CLASSES.size()) {
                    throw new IllegalArgumentException(labelsFile + ": label " + labels[i] + " of image " + i
                            + " is not 0..9");
                }
            }
            return new FashionMnist(train ? "train" : "test", rows, cols, px, labels);
        } catch (EOFException e) {
            throw new IllegalArgumentException("a Fashion-MNIST file in " + dir + " is truncated; copy it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return labels.length;
    }

    /** The first {@code n} images (or all if fewer). */
    public FashionMnist head(int n) {
        int k = Math.min(n, size());
        return new FashionMnist(split, rows, cols, Arrays.copyOf(pixels, k * rows * cols), Arrays.copyOf(labels, k));
    }

    /** Grayscale value (0..255) of pixel (r, c) of image i. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }

    /** The row-major bytes of image i (a copy). */
    public byte[] image(int i) {
        int plane = rows * cols;
        return Arrays.copyOfRange(pixels, i * plane, (i + 1) * plane);
    }

    /** The bytes of the first {@code count} images, one array per image (copies). */
    public List<byte[]> images(int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(image(i));
        }
        return out;
    }

    /** Image i as stored: a {@code cols x rows} grayscale image, white garment on black. */
    public BufferedImage gray(int i) {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, cols, rows, image(i));
        return img;
    }

    /**
     * Image {@code i} as the pipeline would see a photo: RGB, {@code canvas} pixels square, the garment scaled up
     * (bilinear) to {@code garment} pixels in the centre. With {@code canvas} 256 and {@code garment} 224 the
     * ImageNet centre crop keeps the whole garment. {@code invert} turns it into a dark garment on white, like a
     * catalogue photo.
     */
    public BufferedImage render(int i, int canvas, int garment, boolean invert) {
        BufferedImage small = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int v = pixel(i, y, x);
                if (invert) {
                    v = 255 - v;
                }
                small.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage out = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(invert ? Color.WHITE : Color.BLACK);
            g.fillRect(0, 0, canvas, canvas);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            int off = (canvas - garment) / 2;
            g.drawImage(small, off, off, garment, garment, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Path find(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no Fashion-MNIST file " + dir.resolve(base + ".gz") + " (or without "
                + ".gz); pass the folder that holds the four *-ubyte.gz files");
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static void expect(int magic, int wanted, Path file, String what) {
        if (magic != wanted) {
            throw new IllegalArgumentException(file + " is not an IDX " + what + " file (magic "
                    + Integer.toHexString(magic) + ", expected " + Integer.toHexString(wanted) + ")");
        }
    }
}
