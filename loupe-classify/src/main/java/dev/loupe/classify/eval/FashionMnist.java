package dev.loupe.classify.eval;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One split of Fashion-MNIST read from its original gzip'd IDX files ({@code train-images-idx3-ubyte.gz} and
 * {@code train-labels-idx1-ubyte.gz}, or {@code t10k-…}): 28x28 grayscale garments, white on black, in 10 classes.
 *
 * @param name   "train" or "test"
 * @param pixels one 784-byte row-major image per entry (0 = black background)
 * @param labels class index 0..9 per image
 */
public record FashionMnist(String name, byte[][] pixels, int[] labels) {
    /** Class names in label order, as the dataset publishes them. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final int SIDE = 28;
    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    /** Reads the training split (60,000 images) or the test split (10,000) from {@code dir}. */
    public static FashionMnist read(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        byte[][] px = readImages(images);
        int[] y = readLabels(labels);
        if (px.length != y.length) {
            throw new IllegalArgumentException(images + " has " + px.length + " images but " + labels + " has "
                    + y.length + " labels; the files belong to different splits");
        }
        return new FashionMnist(train ? "train" : "test", px, y);
    }

    public int size() {
        return labels.length;
    }

    private static byte[][] readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IllegalArgumentException(file + " is not an IDX image file (magic " + magic + ", expected "
                        + IMAGES_MAGIC + ")");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != SIDE || cols != SIDE || n < 0) {
                throw new IllegalArgumentException(file + ": expected 28x28 images, found " + n + " of " + rows + "x" + cols);
            }
            byte[][] px = new byte[n][SIDE * SIDE];
            for (byte[] p : px) {
                in.readFully(p);
            }
            return px;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated; copy it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IllegalArgumentException(file + " is not an IDX label file (magic " + magic + ", expected "
                        + LABELS_MAGIC + ")");
            }
            int[] y = new int[in.readInt()];
            for (int i = 0; i < y.length; i++) {
                y[i] = in.readUnsignedByte();
                if (y[i] >= CLASSES.size()) {
                    throw new IllegalArgumentException(file + ": label " + y[i] + " at position " + i + " is not 0..9");
                }
            }
            return y;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated; copy it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no Fashion-MNIST file " + file + "; pass the folder that holds the "
                    + "four *-ubyte.gz files");
        }
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    }

    /**
     * Image {@code i} as the pipeline would see a photo: RGB, {@code canvas} pixels square, the garment scaled up
     * (bilinear) to {@code garment} pixels in the centre. With {@code canvas} 256 and {@code garment} 224 the
     * ImageNet centre crop keeps the whole garment. {@code invert} turns it into a dark garment on white, like a
     * catalogue photo.
     */
    public BufferedImage image(int i, int canvas, int garment, boolean invert) {
        byte[] p = pixels[i];
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int v = p[y * SIDE + x] & 0xff;
                if (invert) {
                    v = 255 - v;
                }
                small.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage out = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(invert ? java.awt.Color.WHITE : java.awt.Color.BLACK);
            g.fillRect(0, 0, canvas, canvas);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            int off = (canvas - garment) / 2;
            g.drawImage(small, off, off, garment, garment, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
