package dev.loupe.engine.duplicates;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * What the pixels of one decoded image say for duplicate detection: a small grey thumbnail of the picture with any
 * plain border trimmed (a screenshot or re-render adds one), and its sharpness (variance of the Laplacian of the grey
 * image). Two prints are compared by {@link #match}: one picture is looked for inside the other over a grid of
 * crops (each side trimmed by up to {@value #MAX_CROP_PERCENT} %), brightness and contrast normalised away; what is
 * left — the mean squared difference, and the worst of 6x6 cells — tells a re-encoded, resized, rotated, lightly
 * cropped or colour-adjusted copy from the same scene with something added or a different crop. Written by hand:
 * no maintained Java library aligns two images this way; the decoding (EXIF orientation included) is Loupe's.
 *
 * @param thumb     {@value #SIDE} x {@value #SIDE} grey levels 0..255 as unsigned bytes (the trimmed picture
 *                  stretched to a square), row-major
 * @param full      the same of the untrimmed picture (a photo whose own edges are plain, e.g. sky or a dark
 *                  background, is matched with its crops untrimmed)
 * @param sharpness variance of the 4-neighbour Laplacian, grey levels 0..255; higher is sharper
 */
public record PixelPrint(byte[] thumb, byte[] full, double sharpness) {
    static final int SIDE = 128;
    static final int MAX_CROP_PERCENT = 20;
    private static final int GRID = 24;
    private static final int COARSE = 12;
    private static final int CELLS = 6;
    private static final double STEP = 0.025;
    /** A border line: at least this share of its pixels within {@link #BORDER_TOLERANCE} of its median. */
    private static final double BORDER_SHARE = 0.95;
    private static final double BORDER_TOLERANCE = 12;

    /**
     * How well one picture matches (a crop of) the other.
     *
     * @param error     mean squared difference of the normalised pictures at the best crop (0 = identical, 2 =
     *                  unrelated)
     * @param worstCell the largest mean absolute difference in one of 6x6 cells there (a pasted object shows here)
     * @param area      the share of the larger picture that the best crop keeps
     */
    public record Match(double error, double worstCell, double area) {
    }

    public static PixelPrint of(BufferedImage image) {
        double[][] grey = grey(image);
        int[] box = trimmedBox(grey);
        return new PixelPrint(shrink(grey, box), shrink(grey, new int[]{0, grey.length, 0, grey[0].length}),
                laplacianVariance(grey, box));
    }

    /**
     * The best match of either picture inside the other, trimmed or not. Two images of the same pixel size are
     * compared whole only: a crop of a picture is smaller than it (on Fashion-MNIST, where every image is 28x28,
     * searching crops made different garments of one kind match).
     */
    public Match match(PixelPrint other, boolean sameSize) {
        if (sameSize) {
            Match a = whole(thumb, other.thumb);
            Match b = whole(full, other.full);
            return a.error() <= b.error() ? a : b;
        }
        Match a = inside(thumb, other.thumb);
        Match b = inside(other.thumb, thumb);
        Match best = a.error() <= b.error() ? a : b;
        if (Arrays.equals(thumb, full) && Arrays.equals(other.thumb, other.full)) {
            return best;
        }
        for (Match m : new Match[]{inside(full, other.full), inside(other.full, full)}) {
            if (m.error() < best.error()) {
                best = m;
            }
        }
        return best;
    }

    private static Match whole(byte[] a, byte[] b) {
        double[] x = normalised(sample(integral(a), 0, 0, 1, 1, GRID));
        double[] y = normalised(sample(integral(b), 0, 0, 1, 1, GRID));
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            e += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return new Match(e / x.length, worstCell(x, y), 1);
    }

    /**
     * Looks for {@code small} as a crop of {@code big}: a coarse grid of crops compared at {@value #COARSE} x
     * {@value #COARSE} samples, then two finer steps around the best at {@value #GRID} x {@value #GRID}.
     */
    private static Match inside(byte[] big, byte[] small) {
        double[] integral = integral(big);
        double[] smallIntegral = integral(small);
        double min = 1 - MAX_CROP_PERCENT / 100.0;
        double[] coarseTarget = normalised(sample(smallIntegral, 0, 0, 1, 1, COARSE));
        Window best = new Window(0, 0, 1, 1, Double.MAX_VALUE);
        for (double sx = 1; sx >= min - 1e-9; sx -= 2 * STEP) {
            for (double sy = 1; sy >= min - 1e-9; sy -= 2 * STEP) {
                for (double ox = 0; ox <= 1 - sx + 1e-9; ox += 2 * STEP) {
                    for (double oy = 0; oy <= 1 - sy + 1e-9; oy += 2 * STEP) {
                        best = better(best, integral, coarseTarget, ox, oy, sx, sy, COARSE);
                    }
                }
            }
        }
        double[] target = normalised(sample(smallIntegral, 0, 0, 1, 1, GRID));
        best = new Window(best.ox(), best.oy(), best.sx(), best.sy(), Double.MAX_VALUE);
        for (double f : new double[]{STEP, STEP / 2}) {
            Window centre = best;
            for (int i = -1; i <= 1; i++) {
                for (int j = -1; j <= 1; j++) {
                    for (int k = -1; k <= 1; k++) {
                        for (int l = -1; l <= 1; l++) {
                            double sx = centre.sx() + i * f;
                            double sy = centre.sy() + j * f;
                            double ox = Math.max(0, centre.ox() + k * f);
                            double oy = Math.max(0, centre.oy() + l * f);
                            if (sx >= min - 1e-9 && sy >= min - 1e-9 && sx <= 1 + 1e-9 && sy <= 1 + 1e-9
                                    && ox + sx <= 1 + 1e-9 && oy + sy <= 1 + 1e-9) {
                                best = better(best, integral, target, ox, oy, sx, sy, GRID);
                            }
                        }
                    }
                }
            }
        }
        double[] w = normalised(sample(integral, best.ox(), best.oy(), Math.min(1, best.ox() + best.sx()),
                Math.min(1, best.oy() + best.sy()), GRID));
        return new Match(best.error(), worstCell(w, target), best.sx() * best.sy());
    }

    private record Window(double ox, double oy, double sx, double sy, double error) {
    }

    private static Window better(Window best, double[] integral, double[] target, double ox, double oy, double sx,
                                 double sy, int grid) {
        double[] w = normalised(sample(integral, ox, oy, Math.min(1, ox + sx), Math.min(1, oy + sy), grid));
        double limit = best.error() * w.length;
        double e = 0;
        for (int i = 0; i < w.length && e < limit; i++) {
            double d = w[i] - target[i];
            e += d * d;
        }
        e /= w.length;
        return e < best.error() ? new Window(ox, oy, sx, sy, e) : best;
    }

    private static double worstCell(double[] a, double[] b) {
        int per = GRID / CELLS;
        double worst = 0;
        for (int cy = 0; cy < CELLS; cy++) {
            for (int cx = 0; cx < CELLS; cx++) {
                double sum = 0;
                for (int y = cy * per; y < (cy + 1) * per; y++) {
                    for (int x = cx * per; x < (cx + 1) * per; x++) {
                        sum += Math.abs(a[y * GRID + x] - b[y * GRID + x]);
                    }
                }
                worst = Math.max(worst, sum / (per * per));
            }
        }
        return worst;
    }

    /** Summed-area table of a SIDE x SIDE thumbnail, (SIDE+1)^2. */
    private static double[] integral(byte[] t) {
        int n = SIDE + 1;
        double[] s = new double[n * n];
        for (int y = 1; y < n; y++) {
            double row = 0;
            for (int x = 1; x < n; x++) {
                row += t[(y - 1) * SIDE + (x - 1)] & 0xff;
                s[y * n + x] = s[(y - 1) * n + x] + row;
            }
        }
        return s;
    }

    /** grid x grid box means of the window (fractions of the picture) from a summed-area table. */
    private static double[] sample(double[] s, double x0, double y0, double x1, double y1, int grid) {
        int n = SIDE + 1;
        double[] out = new double[grid * grid];
        for (int j = 0; j < grid; j++) {
            int ya = (int) Math.round((y0 + (y1 - y0) * j / grid) * SIDE);
            int yb = Math.max(ya + 1, (int) Math.round((y0 + (y1 - y0) * (j + 1) / grid) * SIDE));
            yb = Math.min(SIDE, yb);
            ya = Math.min(ya, yb - 1);
            for (int i = 0; i < grid; i++) {
                int xa = (int) Math.round((x0 + (x1 - x0) * i / grid) * SIDE);
                int xb = Math.min(SIDE, Math.max(xa + 1, (int) Math.round((x0 + (x1 - x0) * (i + 1) / grid) * SIDE)));
                xa = Math.min(xa, xb - 1);
                double sum = s[yb * n + xb] - s[ya * n + xb] - s[yb * n + xa] + s[ya * n + xa];
                out[j * grid + i] = sum / ((yb - ya) * (xb - xa));
            }
        }
        return out;
    }

    /** Zero mean, unit standard deviation: brightness and contrast changes drop out. */
    private static double[] normalised(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.max(1.0, Math.sqrt(var / v.length));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean) / sd;
        }
        return out;
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

    /** {top, bottom (exclusive), left, right (exclusive)} after trimming plain lines, at most a quarter a side. */
    private static int[] trimmedBox(double[][] g) {
        int h = g.length;
        int w = g[0].length;
        int top = 0;
        int bottom = h;
        int left = 0;
        int right = w;
        while (top < h / 4 && plain(g, top, top + 1, left, right)) {
            top++;
        }
        while (bottom > h - h / 4 && plain(g, bottom - 1, bottom, left, right)) {
            bottom--;
        }
        while (left < w / 4 && plain(g, top, bottom, left, left + 1)) {
            left++;
        }
        while (right > w - w / 4 && plain(g, top, bottom, right - 1, right)) {
            right--;
        }
        return new int[]{top, bottom, left, right};
    }

    private static boolean plain(double[][] g, int y0, int y1, int x0, int x1) {
        double[] line = new double[(y1 - y0) * (x1 - x0)];
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                line[n++] = g[y][x];
            }
        }
        if (n == 0) {
            return false;
        }
        double[] sorted = line.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        int near = 0;
        for (double v : line) {
            if (Math.abs(v - median) <= BORDER_TOLERANCE) {
                near++;
            }
        }
        return near >= BORDER_SHARE * n;
    }

    /** Box-averages the trimmed area down to SIDE x SIDE. */
    private static byte[] shrink(double[][] g, int[] box) {
        byte[] out = new byte[SIDE * SIDE];
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
                out[j * SIDE + i] = (byte) Math.round(sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return out;
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
}
