package dev.loupe.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Integer-factor box (area-average) shrinking of TYPE_INT_RGB images, used when a decoder could not shrink enough. */
final class Downscale {

    private Downscale() {
    }

    /**
     * Shrinks by the largest integer factor that keeps the shorter side {@code >= minSide}; returns the image
     * itself when it is less than twice that.
     */
    static BufferedImage toMinSide(BufferedImage img, int minSide) {
        int factor = Math.min(img.getWidth(), img.getHeight()) / minSide;
        if (factor < 2) {
            return img;
        }
        return box(RgbConverter.toIntRgb(img), factor);
    }

    /** Each output pixel is the mean of a k x k block (partial blocks at the right/bottom edge are averaged too). */
    static BufferedImage box(BufferedImage src, int k) {
        int w = src.getWidth();
        int h = src.getHeight();
        int ow = (w + k - 1) / k;
        int oh = (h + k - 1) / k;
        int[] in = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        BufferedImage dst = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        int[] r = new int[ow];
        int[] g = new int[ow];
        int[] b = new int[ow];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(r, 0);
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(b, 0);
            int y0 = oy * k;
            int y1 = Math.min(y0 + k, h);
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int p = in[row + x];
                    int ox = x / k;
                    r[ox] += (p >> 16) & 0xFF;
                    g[ox] += (p >> 8) & 0xFF;
                    b[ox] += p & 0xFF;
                }
            }
            int rows = y1 - y0;
            for (int ox = 0; ox < ow; ox++) {
                int n = rows * (Math.min(ox * k + k, w) - ox * k);
                int half = n / 2;
                out[oy * ow + ox] = RgbConverter.rgb((r[ox] + half) / n, (g[ox] + half) / n, (b[ox] + half) / n);
            }
        }
        return dst;
    }
}
