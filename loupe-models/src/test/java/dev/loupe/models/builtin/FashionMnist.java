package dev.loupe.models.builtin;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads Fashion-MNIST's gzipped IDX files (big-endian magic, dimensions, then unsigned bytes). Test scope only. */
record FashionMnist(BufferedImage[] images, int[] labels) {
    static final String[] CLASSES = {"T-shirt/top", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
            "sneaker", "bag", "ankle boot"};

    /** The first {@code n} images of the test split ({@code t10k-*}). */
    static FashionMnist test(Path dir, int n) throws IOException {
        Path imagesFile = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labelsFile = dir.resolve("t10k-labels-idx1-ubyte.gz");
        int[] labels;
        try (DataInputStream in = open(labelsFile)) {
            expect(in.readInt(), 0x00000801, labelsFile);
            int count = Math.min(n, in.readInt());
            labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        BufferedImage[] images;
        try (DataInputStream in = open(imagesFile)) {
            expect(in.readInt(), 0x00000803, imagesFile);
            int count = Math.min(n, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            images = new BufferedImage[count];
            byte[] px = new byte[rows * cols];
            for (int i = 0; i < count; i++) {
                in.readFully(px);
                BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setDataElements(0, 0, cols, rows, px);
                images[i] = img;
            }
        }
        if (images.length != labels.length) {
            throw new IOException(dir + ": " + images.length + " images but " + labels.length + " labels");
        }
        return new FashionMnist(images, labels);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
    }

    private static void expect(int magic, int wanted, Path file) throws IOException {
        if (magic != wanted) {
            throw new IOException(file + ": IDX magic " + Integer.toHexString(magic) + ", expected "
                    + Integer.toHexString(wanted));
        }
    }
}
