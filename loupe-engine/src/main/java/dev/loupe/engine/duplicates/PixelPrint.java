package dev.loupe.engine.duplicates;

import java.awt.image.BufferedImage;

/**
 * What the pixels of one decoded image say for duplicate detection: a 63-bit DCT perceptual hash of the picture
 * with any plain border trimmed (a screenshot or re-render adds one), and its sharpness (variance of the Laplacian of
 * the grey image). Written by hand: the DCT hash is a few lines, and the Java libraries that offer one are
 * unmaintained and bring their own image stacks; the decoding (EXIF orientation included) is Loupe's.
 *
 * @param hash      the perceptual hash; near-identical pictures differ in few bits ({@link #distance})
 * @param sharpness variance of the 4-neighbour Laplacian, grey levels 0..255; higher is sharper
 */
public record PixelPrint(long hash, double sharpness) {
    private static final int SIDE = 32;
    private static final int LOW = 8;
    /** A border row or column: at least this share of its pixels within {@link #BORDER_TOLERANCE} of the corner. */
    private static final double BORDER_SHARE = 0.98;
    private static final double BORDER_TOLERANCE = 16;
    private static final double[][] COS = cosines();

    /** Hamming distance between two hashes, 0..63. */
    public int distance(PixelPrint other) {
        return Long.bitCount(hash ^ other.hash);
    }

    public static PixelPrint of(BufferedImage image) {
        double[][] grey = grey(image);
        int[] box = trimmedBox(grey);
        return new PixelPrint(dctHash(shrink(grey, box)), laplacianVariance(grey, box));
    }

    private static double[][] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        double[][] g = new double[h][w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                g[y][x] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
            }
        }
        return g;
    }

    /** {top, bottom (exclusive), left, right (exclusive)} after trimming plain borders, at most a quarter a side. */
    private static int[] trimmedBox(double[][] g) {
        int h = g.length;
        int w = g[0].length;
        double corner = g[0][0];
        int top = 0;
        int bottom = h;
        int left = 0;
        int right = w;
        while (top < h / 4 && plain(g, corner, top, top + 1, left, right)) {
            top++;
        }
        while (bottom > h - h / 4 && plain(g, corner, bottom - 1, bottom, left, right)) {
            bottom--;
        }
        while (left < w / 4 && plain(g, corner, top, bottom, left, left + 1)) {
            left++;
        }
        while (right > w - w / 4 && plain(g, corner, top, bottom, right - 1, right)) {
            right--;
        }
        return new int[]{top, bottom, left, right};
    }

    private static boolean plain(double[][] g, double corner, int y0, int y1, int x0, int x1) {
        int near = 0;
        int all = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                all++;
                if (Math.abs(g[y][x] - corner) <= BORDER_TOLERANCE) {
                    near++;
                }
            }
        }
        return all > 0 && near >= BORDER_SHARE * all;
    }

    /** Box-averages the trimmed area down to SIDE x SIDE. */
    private static double[][] shrink(double[][] g, int[] box) {
        double[][] out = new double[SIDE][SIDE];
        int h = box[1] - box[0];
        int w = box[3] - box[2];
        for (int j = 0; j < SIDE; j++) {
            int y0 = box[0] + j * h / SIDE;
            int y1 = Math.max(y0 + 1, box[0] + (j + 1) * h / SIDE);
            for (int i = 0; i < SIDE; i++) {
                int x0 = box[2] + i * w / SIDE;
                int x1 = Math.max(x0 + 1, box[2] + (i + 1) * w / SIDE);
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += g[y][x];
                    }
                }
                out[j][i] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
        return out;
    }

    /** The signs of the lowest 8x8 DCT coefficients (DC left out) against their median. */
    private static long dctHash(double[][] s) {
        double[] coeff = new double[LOW * LOW - 1];
        int n = 0;
        for (int u = 0; u < LOW; u++) {
            for (int v = 0; v < LOW; v++) {
                if (u == 0 && v == 0) {
                    continue;
                }
                double sum = 0;
                for (int y = 0; y < SIDE; y++) {
                    double cy = COS[u][y];
                    for (int x = 0; x < SIDE; x++) {
                        sum += s[y][x] * cy * COS[v][x];
                    }
                }
                coeff[n++] = sum;
            }
        }
        double[] sorted = coeff.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long hash = 0;
        for (int i = 0; i < coeff.length; i++) {
            if (coeff[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    private static double laplacianVariance(double[][] g, int[] box) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = box[0] + 1; y < box[1] - 1; y++) {
            for (int x = box[2] + 1; x < box[3] - 1; x++) {
                double l = g[y - 1][x] + g[y + 1][x] + g[y][x - 1] + g[y][x + 1] - 4 * g[y][x];
                sum += l;
                sq += l * l;
                n++;
            }
        }
        return n == 0 ? 0 : sq / n - (sum / n) * (sum / n);
    }

    private static double[][] cosines() {
        double[][] c = new double[LOW][SIDE];
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < SIDE; x++) {
                c[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2.0 * SIDE));
            }
        }
        return c;
    }
}
