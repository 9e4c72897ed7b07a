package dev.loupe.core.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a query's terms combine into one score per candidate image X. All vectors live in one space.
 *
 * <h2>Notation</h2>
 * Every term t is resolved to a vector and normalised to unit length: u(t) = v(t) / |v(t)| (a zero-length or
 * non-finite v(t) is an error, see {@link ResolvedQuery#resolve}). w(t) &gt; 0 is the term's weight.
 * <ul>
 *   <li>base b = Σ<sub>t∈BASE</sub> w(t)·u(t) — the weighted sum of the normalised base terms. This is also the
 *       untrained "composed query": {@code --image dress.jpg --text "in red"} with weights w<sub>img</sub>,
 *       w<sub>txt</sub> gives b = w<sub>img</sub>·u(img) + w<sub>txt</sub>·u(txt). (A trained {@link Composer} may
 *       replace this sum.)</li>
 *   <li>add a = Σ<sub>t∈PLUS</sub> w(t)·u(t), sub s = Σ<sub>t∈MINUS</sub> w(t)·u(t), direction d = a − s.</li>
 * </ul>
 *
 * <h2>{@link #SUM} (Kiros et al.)</h2>
 * q = b + d = b + a − s, and score(X) = cos(X, q) = X·q / (|X| |q|). With one image and unit weights this is
 * cos(X, q<sub>img</sub> − q<sub>sub</sub> + q<sub>add</sub>). Weights are absolute: every term contributes
 * w(t)·u(t), so {@code --plus 2:snow} pulls twice as hard as the unit-weight base image. A plain text or image query
 * (one base term, no modifiers) is the special case q = u(t): ordinary cosine similarity.
 * If |q| is zero (the terms cancel out) the query is refused.
 *
 * <h2>{@link #DIFF} (Ota et al.)</h2>
 * q<sub>img</sub> = b / |b| (the base, brought back onto the unit sphere the candidates lie on) and
 * score(X) = cos(X − q<sub>img</sub>, d) = ((X − q<sub>img</sub>)·d) / (|X − q<sub>img</sub>| |d|): the step from
 * the base image to the candidate should point the way "add − sub" points, whatever its length. Only the ratios
 * between the PLUS and MINUS weights matter (|d| cancels); the base weights only matter when the base has several
 * terms. Degenerate cases:
 * <ul>
 *   <li>|d| = 0 (e.g. {@code --plus red --minus red}): refused, "the + and − terms cancel out".</li>
 *   <li>X = q<sub>img</sub> (the base image itself, or an exact duplicate): X − q<sub>img</sub> has no direction;
 *       such a candidate scores {@value ResolvedQuery#NO_MOVE_SCORE} (the lowest possible cosine, so it ranks last)
 *       — it has not moved the way d points. "Equal" means |X − q<sub>img</sub>|² &lt;
 *       {@value ResolvedQuery#SAME_POINT_EPSILON}, below which float rounding makes the direction meaningless.</li>
 * </ul>
 * DIFF is an analogy <em>from an image</em>. When a query has no PLUS/MINUS terms (a plain or composed query) or
 * its base holds no image (e.g. {@code "a dog" --minus grass}: the step from a text embedding to an image embedding
 * is dominated by the gap between the two modalities, not by content), the query is scored with SUM instead; see
 * {@link QueryExpr#effectiveMeasure()}.
 */
public enum Measure {
    /** cos(X, b + a − s); see the class documentation. */
    SUM,
    /** cos(X − b/|b|, a − s); see the class documentation. */
    DIFF;

    /**
     * The default, picked by measurement (docs/results/README.md, "Analogy measures"): SUM wins by +42 R@1 on
     * CSS-like scene edits (78.1 vs 35.8, 3 seeds) and loses by 7 only on pure single-attribute colour swaps
     * (26.9 vs 33.9); DIFF stays available with {@code --measure diff}.
     */
    public static final Measure DEFAULT = SUM;

    /** The lower-case name used on the command line: {@code sum} or {@code diff}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code sum} or {@code diff} (any case). */
    public static Measure parse(String text) {
        for (Measure m : values()) {
            if (m.cliName().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return m;
            }
        }
        throw new QueryParseException("unknown measure \"" + text + "\"; use one of "
                + Arrays.stream(values()).map(Measure::cliName).collect(Collectors.joining(", ")), String.valueOf(text));
    }
}
