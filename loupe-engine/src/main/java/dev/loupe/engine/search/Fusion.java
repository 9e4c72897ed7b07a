package dev.loupe.engine.search;

/**
 * How a hybrid search joins the embedding's ranking and the words' ranking (docs/quality.md measures both kinds).
 *
 * @param kind   {@link Kind#WEIGHTED}: {@code cosine + weight × text score} (the text score is calibrated to 0..1, see
 *               {@link dev.loupe.core.ImageIndex#searchText}); {@link Kind#RRF}: reciprocal rank fusion,
 *               {@code 1/(k + rank) } summed over the two lists, {@code k = weight}
 * @param weight the text score's weight, or RRF's k
 */
public record Fusion(Kind kind, float weight) {
    public enum Kind { WEIGHTED, RRF }

    /** The measured default (docs/quality.md, "Words"). */
    public static final Fusion DEFAULT = new Fusion(Kind.WEIGHTED, 0.5f);

    public Fusion {
        if (!(weight > 0) || Float.isInfinite(weight)) {
            throw new IllegalArgumentException("fusion weight must be positive, got " + weight);
        }
    }
}
