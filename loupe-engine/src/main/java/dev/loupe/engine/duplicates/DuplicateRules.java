package dev.loupe.engine.duplicates;

/**
 * How a candidate pair (two images that are each other's near neighbours in the visual space) is decided. The
 * defaults are measured on the labelled set of {@code loupe-lab eval duplicates} (docs/quality.md, "Duplicates").
 *
 * @param sureCosine    at or above this visual cosine a pair is a near-duplicate whatever its hash says
 * @param nearCosine    from here up to {@code sureCosine}, a near-duplicate when the perceptual hashes differ in at
 *                      most {@code hashBits} bits
 * @param hashBits      the largest Hamming distance of two near-duplicates' {@link PixelPrint} hashes
 * @param similarCosine at or above this (and not a near-duplicate), a similar shot
 * @param neighbours    how many nearest neighbours of each image are candidates
 */
public record DuplicateRules(float sureCosine, float nearCosine, int hashBits, float similarCosine, int neighbours) {
    /** Measured defaults (see the class comment). */
    public static final DuplicateRules DEFAULT = new DuplicateRules(0.97f, 0.80f, 12, 0.80f, 8);

    public DuplicateRules {
        if (!(similarCosine > 0 && nearCosine > 0 && similarCosine <= sureCosine && nearCosine <= sureCosine
                && sureCosine <= 1.0001f)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < similar, near <= sure <= 1, got similar "
                    + similarCosine + ", near " + nearCosine + ", sure " + sureCosine);
        }
        if (hashBits < 0 || hashBits > 63) {
            throw new IllegalArgumentException("hash bits must be 0..63, got " + hashBits);
        }
        if (neighbours < 1 || neighbours > 1000) {
            throw new IllegalArgumentException("neighbours must be 1..1000, got " + neighbours);
        }
    }

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
     * @param hashDistance the {@link PixelPrint#distance} of the two, or -1 when unknown (a file could not be read)
     * @return {@link DuplicateGroup.Kind#NEAR}, {@link DuplicateGroup.Kind#SIMILAR}, or null for neither
     */
    public DuplicateGroup.Kind decide(float cosine, int hashDistance) {
        if (cosine >= sureCosine || (cosine >= nearCosine && hashDistance >= 0 && hashDistance <= hashBits)) {
            return DuplicateGroup.Kind.NEAR;
        }
        return cosine >= similarCosine ? DuplicateGroup.Kind.SIMILAR : null;
    }
}
