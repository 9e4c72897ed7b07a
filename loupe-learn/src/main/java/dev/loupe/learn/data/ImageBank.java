package dev.loupe.learn.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Small square RGB images held as bytes (HWC order), added one by one; the trainer turns batches of them into
 * float tensors. Thread-confined while being filled, then read-only.
 */
public final class ImageBank {
    private final int size;
    private final List<byte[]> pixels = new ArrayList<>();

    public ImageBank(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    public int count() {
        return pixels.size();
    }

    /** Adds an image already scaled to {@link #size()}; returns its index. */
    public int add(BufferedImage img) {
        if (img.getWidth() != size || img.getHeight() != size) {
            img = Images.resize(img, size);
        }
        byte[] b = new byte[size * size * 3];
        int k = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                b[k++] = (byte) (rgb >> 16);
                b[k++] = (byte) (rgb >> 8);
                b[k++] = (byte) rgb;
            }
        }
        pixels.add(b);
        return pixels.size() - 1;
    }

    /** Adds raw HWC RGB bytes; returns the index. */
    public int add(byte[] rgb) {
        if (rgb.length != size * size * 3) {
            throw new IllegalArgumentException("expected " + size * size * 3 + " RGB bytes, got " + rgb.length);
        }
        pixels.add(rgb.clone());
        return pixels.size() - 1;
    }

    public byte[] rgb(int index) {
        return pixels.get(index);
    }

    /** Image {@code index} as a BufferedImage (RGB), e.g. to hand to a frozen encoder. */
    public java.awt.image.BufferedImage image(int index) {
        byte[] b = pixels.get(index);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size, size,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < size * size; p++) {
            int rgb = (b[p * 3] & 0xff) << 16 | (b[p * 3 + 1] & 0xff) << 8 | (b[p * 3 + 2] & 0xff);
            img.setRGB(p % size, p / size, rgb);
        }
        return img;
    }

    /**
     * The images as one float array in NCHW order, values scaled to [-0.5, 0.5], ready for a tensor of shape
     * [n, 3, size, size].
     */
    public float[] toNchw(int[] indices) {
        int plane = size * size;
        float[] out = new float[indices.length * 3 * plane];
        for (int n = 0; n < indices.length; n++) {
            byte[] b = pixels.get(indices[n]);
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    out[base + c * plane + p] = (b[p * 3 + c] & 0xff) / 255f - 0.5f;
                }
            }
        }
        return out;
    }
}
