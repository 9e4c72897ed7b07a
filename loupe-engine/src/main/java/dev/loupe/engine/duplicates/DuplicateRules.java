package dev.loupe.engine.duplicates;

/**
 * How a candidate pair (two images that are each other's near neighbours in the visual space) is decided. The
 * defaults are measured on the labelled set of {@code loupe-lab eval duplicates} (docs/quality.md, "Duplicates").
 *
 * @param sureCosine    at or above this visual cosine a pair is a near-duplicate without looking at its pixels
 * @param nearCosine    from here up to {@code sureCosine}, a near-duplicate when the pixels match
 *                      ({@link PixelPrint#match}): error at most {@code maxError} and no cell worse than
 *                      {@code maxCell}
 * @param maxError      the largest mean squared difference of two near-duplicates' normalised thumbnails
 * @param maxCell       the largest mean absolute difference in one cell
 * @param similarCosine at or above this (and not a near-duplicate), a similar shot
 * @param neighbours    how many nearest neighbours of each image are candidates
 */
public record DuplicateRules(float sureCosine, float nearCosine, double maxError, double maxCell,
                             float similarCosine, int neighbours) {
    /** Measured defaults (see the class comment). */
    public static final DuplicateRules DEFAULT = new DuplicateRules(1.01f, 0.74f, 0.08, 0.40, 0.76f, 8);

    public DuplicateRules {
        if (!(similarCosine > 0 && nearCosine > 0 && nearCosine <= sureCosine)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < similar, 0 < near <= sure, got similar "
                    + similarCosine + ", near " + nearCosine + ", sure " + sureCosine);
        }
        if (!(maxError >= 0 && maxCell >= 0)) {
            throw new IllegalArgumentException("pixel thresholds must be >= 0, got " + maxError + ", " + maxCell);
        }
        if (neighbours < 1 || neighbours > 1000) {
            throw new IllegalArgumentException("neighbours must be 1..1000, got " + neighbours);
        }
    }

    /**
     * Images smaller than this on a side get no pixel verdict (so never "near-duplicate" unless byte-identical): on
     * 28x28 Fashion-MNIST garments, different items of one kind match as closely as a re-encoded photo does, while
     * the smallest true copy of the labelled set (a 25 % copy of a 384x191 scan) is 48 px high and must still match.
     */
    public static final int MIN_SIDE_FOR_PIXELS = 40;

    /** The lowest cosine a candidate pair can have and still be something. */
    public float floor() {
        return Math.min(similarCosine, nearCosine);
    }

    /** Whether deciding a pair with this cosine needs both images' pixels. */
    public boolean needsPixels(float cosine) {
        return cosine >= nearCosine && cosine < sureCosine;
    }

    /**
     * The kind of a pair of images with different content.
     *
     * @param match how their pixels match, or null when unknown (not needed, or a file could not be read)
     * @return {@link DuplicateGroup.Kind#NEAR}, {@link DuplicateGroup.Kind#SIMILAR}, or null for neither
     */
    public DuplicateGroup.Kind decide(float cosine, PixelPrint.Match match) {
        if (cosine >= sureCosine || (cosine >= nearCosine && match != null && match.error() <= maxError
                && match.worstCell() <= maxCell)) {
            return DuplicateGroup.Kind.NEAR;
        }
        return cosine >= similarCosine ? DuplicateGroup.Kind.SIMILAR : null;
    }
}
