package dev.loupe.models.image;

import java.awt.image.BufferedImage;

/**
 * Resizes 8-bit RGB images the way Pillow's {@code Image.resize} does, so CLIP sees the same pixels it saw in
 * training (torchvision's {@code Resize} on PIL images calls Pillow).
 *
 * <p>Separable convolution: a horizontal pass, then a vertical pass, each skipped when that dimension does not
 * change. Output pixel {@code i} of a pass is centred at source coordinate {@code (i + 0.5) * scale}; the kernel
 * is stretched by {@code scale} when downscaling, which low-pass filters the image (antialiasing) — Java2D's
 * bicubic interpolation does not, and gives different values when shrinking. Weights are normalized per output
 * pixel, rounded to 22-bit fixed point as Pillow does, and each pass rounds and clamps to 0..255, so results are
 * byte-for-byte Pillow's for RGB images.
 *
 * <p>{@link #resizeRegion} computes only a rectangle of the resized image (each output pixel depends only on the
 * input), which saves the work on pixels a centre crop would throw away. Stateless and thread-safe.
 */
public final class PilResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilResampler() {
    }

    /** The whole image resized to {@code outWidth x outHeight}. */
    public static RgbImage resize(RgbImage image, int outWidth, int outHeight, ResampleFilter filter) {
        return resizeRegion(image.rows(), outWidth, outHeight, filter, 0, 0, outWidth, outHeight);
    }

    /** The whole image resized to {@code outWidth x outHeight}. */
    public static RgbImage resize(BufferedImage image, int outWidth, int outHeight, ResampleFilter filter) {
        return resizeRegion(RgbRows.of(image), outWidth, outHeight, filter, 0, 0, outWidth, outHeight);
    }

    /**
     * The rectangle {@code [left, left + width) x [top, top + height)} of the image resized to
     * {@code outWidth x outHeight}.
     */
    public static RgbImage resizeRegion(BufferedImage image, int outWidth, int outHeight, ResampleFilter filter,
                                        int left, int top, int width, int height) {
        return resizeRegion(RgbRows.of(image), outWidth, outHeight, filter, left, top, width, height);
    }

    static RgbImage resizeRegion(RgbRows src, int outWidth, int outHeight, ResampleFilter filter,
                                 int left, int top, int width, int height) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outWidth + "x" + outHeight);
        }
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > outWidth
                || top + height > outHeight) {
            throw new IllegalArgumentException("region " + width + "x" + height + "+" + left + "+" + top
                    + " is not inside the " + outWidth + "x" + outHeight + " output");
        }
        boolean horizontal = outWidth != src.width();
        boolean vertical = outHeight != src.height();
        Kernel rowsKernel = vertical ? Kernel.of(src.height(), outHeight, filter) : null;
        int firstRow;
        int endRow;
        if (vertical) {
            firstRow = Integer.MAX_VALUE;
            endRow = 0;
            for (int y = top; y < top + height; y++) {
                firstRow = Math.min(firstRow, rowsKernel.start[y]);
                endRow = Math.max(endRow, rowsKernel.start[y] + rowsKernel.count[y]);
            }
        } else {
            firstRow = top;
            endRow = top + height;
        }
        int[] middle = horizontal
                ? horizontalPass(src, Kernel.of(src.width(), outWidth, filter), left, width, firstRow, endRow)
                : copyColumns(src, left, width, firstRow, endRow);
        int[] out = vertical ? verticalPass(middle, width, rowsKernel, top, height, firstRow) : middle;
        return new RgbImage(width, height, out);
    }

    private static int[] horizontalPass(RgbRows src, Kernel k, int left, int width, int firstRow, int endRow) {
        int[] out = new int[width * (endRow - firstRow)];
        int[] row = new int[src.width()];
        for (int y = firstRow; y < endRow; y++) {
            src.row(y, row);
            int o = (y - firstRow) * width;
            for (int xx = 0; xx < width; xx++) {
                int ox = left + xx;
                int start = k.start[ox];
                int n = k.count[ox];
                int w = ox * k.size;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int x = 0; x < n; x++) {
                    int p = row[start + x];
                    int c = k.weights[w + x];
                    r += ((p >> 16) & 0xFF) * c;
                    g += ((p >> 8) & 0xFF) * c;
                    b += (p & 0xFF) * c;
                }
                out[o + xx] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
            }
        }
        return out;
    }

    private static int[] verticalPass(int[] in, int width, Kernel k, int top, int height, int firstRow) {
        int[] out = new int[width * height];
        for (int yy = 0; yy < height; yy++) {
            int oy = top + yy;
            int start = k.start[oy] - firstRow;
            int n = k.count[oy];
            int w = oy * k.size;
            for (int xx = 0; xx < width; xx++) {
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int y = 0; y < n; y++) {
                    int p = in[(start + y) * width + xx];
                    int c = k.weights[w + y];
                    r += ((p >> 16) & 0xFF) * c;
                    g += ((p >> 8) & 0xFF) * c;
                    b += (p & 0xFF) * c;
                }
                out[yy * width + xx] = clip8(r) << 16 | clip8(g) << 8 | clip8(b);
            }
        }
        return out;
    }

    private static int[] copyColumns(RgbRows src, int left, int width, int firstRow, int endRow) {
        int[] out = new int[width * (endRow - firstRow)];
        int[] row = new int[src.width()];
        for (int y = firstRow; y < endRow; y++) {
            src.row(y, row);
            System.arraycopy(row, left, out, (y - firstRow) * width, width);
        }
        return out;
    }

    private static int clip8(int v) {
        if (v >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return v >> PRECISION_BITS;
    }

    /** Per output pixel: first source pixel, number of source pixels, and fixed-point weights. */
    private record Kernel(int size, int[] start, int[] count, int[] weights) {
        static Kernel of(int inSize, int outSize, ResampleFilter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.weight((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double w = ww != 0.0 ? k[x] / ww : k[x];
                    weights[xx * size + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                start[xx] = xmin;
                count[xx] = xmax;
            }
            return new Kernel(size, start, count, weights);
        }
    }
}
