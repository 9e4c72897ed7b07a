package dev.loupe.bench.data;

import dev.loupe.core.query.Measure;

/**
 * The kinds of query the bench asks, each stored as the vectors the product scores with ({@code ResolvedQuery}):
 * SUM kinds as one unit query vector, DIFF as a unit base and a unit direction.
 */
public enum QueryKind {
    /** A caption, class name or label embedded by the real text encoder. */
    TEXT("text", Measure.SUM),
    /** A held-out real image vector: "more like this". */
    IMAGE("image", Measure.SUM),
    /** A held-out image plus a word: {@code [image] + "word"}. */
    COMPOSED("composed", Measure.SUM),
    /** {@code [image of class a] − "a" + "b"} scored as a sum. */
    ANALOGY_SUM("analogy-sum", Measure.SUM),
    /** The same terms scored with the diff measure cos(X − image, b − a). */
    ANALOGY_DIFF("analogy-diff", Measure.DIFF);

    private final String id;
    private final Measure measure;

    QueryKind(String id, Measure measure) {
        this.id = id;
        this.measure = measure;
    }

    /** The name used in file names, tables and on the command line. */
    public String id() {
        return id;
    }

    public Measure measure() {
        return measure;
    }

    public static QueryKind of(String id) {
        for (QueryKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown query kind '" + id + "'; use one of text, image, composed, "
                + "analogy-sum, analogy-diff");
    }
}
