package dev.loupe.models.image;

/**
 * How big {@link ImageDecoder} decodes images, and what it refuses.
 *
 * <p>The models Loupe runs look at 224x224 pixels, so decoding a 50-megapixel photo at full size would
 * waste most of the time and memory: the decoder shrinks while it decodes so that the shorter side lands
 * at or a little above {@code minSide}. Files whose header claims more than {@code maxPixels} pixels are
 * refused before any pixel memory is allocated (decompression bombs).
 *
 * @param minSide   the decoded image's shorter side is kept at least this long (unless the original is
 *                  smaller); at most about twice this long for JPEGs and point-sampled formats
 * @param maxPixels the largest original width x height accepted
 */
public record DecodeOptions(int minSide, long maxPixels) {

    /** Shorter side the decoder aims at by default: a little above the 224 pixels the models need. */
    public static final int DEFAULT_MIN_SIDE = 256;
    /** Largest image accepted by default: 150 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 150_000_000L;

    public DecodeOptions {
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be >= 1 pixel, got " + minSide);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels
                    + " (use e.g. 150000000 for 150 megapixels)");
        }
    }

    /** minSide 256, maxPixels 150 megapixels. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(DEFAULT_MIN_SIDE, DEFAULT_MAX_PIXELS);
    }

    /** Same limits with another pixel cap (for {@code --max-pixels}). */
    public DecodeOptions withMaxPixels(long pixels) {
        return new DecodeOptions(minSide, pixels);
    }

    /** Same limits with another minimum side. */
    public DecodeOptions withMinSide(int side) {
        return new DecodeOptions(side, maxPixels);
    }

    /**
     * The integer point-sampling step for an image of the given size: the largest step s whose subsampled
     * shorter side, ceil(side / s) as ImageIO computes it, is still {@code >= minSide} (1 for small images).
     */
    public int subsamplingFor(int width, int height) {
        int side = Math.min(width, height);
        if (side <= minSide) {
            return 1;
        }
        if (minSide == 1) {
            return side;
        }
        // ceil(side / s) >= minSide  <=>  side > (minSide - 1) * s
        return (int) ((side - 1L) / (minSide - 1));
    }

    /** The limit as a readable number, e.g. "150-megapixel". */
    String maxPixelsLabel() {
        if (maxPixels % 1_000_000L == 0) {
            return maxPixels / 1_000_000L + "-megapixel";
        }
        return maxPixels >= 1_000_000L
                ? String.format(java.util.Locale.ROOT, "%.1f-megapixel", maxPixels / 1e6)
                : maxPixels + "-pixel";
    }
}
