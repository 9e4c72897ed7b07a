package dev.loupe.core;

import java.util.Objects;

/**
 * How likely an image matches a text, read off the raw text-to-image cosine: {@code sigmoid(scale * cosine + bias)},
 * a number in [0, 1] that means the same for every query of a model, where raw cosines do not (one model's
 * relevant hits may score 0.91 and irrelevant ones 0.93 under another query). SigLIP-family models were trained to
 * output exactly this with their own logit scale and bias; for other models the scale and bias come from a
 * calibration measured against the scores of unrelated texts and images (see docs/quality.md).
 *
 * @param scale  multiplies the cosine, &gt; 0 (SigLIP: {@code exp(logit_scale)})
 * @param bias   added after scaling (SigLIP: {@code logit_bias})
 * @param method where scale and bias come from, in words, for {@code loupe info} and the API
 */
public record Relevance(double scale, double bias, String method) {
    /**
     * The cut-off below which a hit is "very unlikely" to match: the page hides such hits by default (one click
     * shows them). Chosen on the builtin model's labelled pairs (docs/quality.md).
     */
    public static final double DEFAULT_CUTOFF = 0.05;

    public Relevance {
        Objects.requireNonNull(method, "method");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("the relevance scale must be a positive number, got " + scale);
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("the relevance bias must be a finite number, got " + bias);
        }
    }

    /** The relevance of a raw cosine score, in [0, 1]. */
    public float of(float score) {
        return (float) (1 / (1 + Math.exp(-(scale * score + bias))));
    }
}
