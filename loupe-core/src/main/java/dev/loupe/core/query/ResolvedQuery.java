package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query after its terms have been turned into vectors: what the exact scan and the approximate search score
 * candidates with. Immutable; all vectors are unit length and of one dimension.
 *
 * <ul>
 *   <li>{@link Measure#SUM}: {@link #sumVector()} q̂ = q/|q|; score(X) = X·q̂ / |X|.</li>
 *   <li>{@link Measure#DIFF}: {@link #base()} q<sub>img</sub> (unit) and {@link #direction()} d̂ = d/|d|;
 *       score(X) = (X·d̂ − q<sub>img</sub>·d̂) / |X − q<sub>img</sub>|, with
 *       |X − q<sub>img</sub>|² = |X|² − 2 X·q<sub>img</sub> + 1, so one pass computing X·d̂ and X·q<sub>img</sub>
 *       per candidate suffices.</li>
 * </ul>
 * Both are written as {@link #score(float, float, float)} over the dot products with {@link #primary()} and
 * {@link #secondary()} and the candidate's squared norm, so scanners compute the dot products however is fastest.
 * See {@link Measure} for the definitions and degenerate cases.
 */
public final class ResolvedQuery {

    /** Score of a DIFF candidate that coincides with the base image: the lowest cosine, so it ranks last. */
    public static final float NO_MOVE_SCORE = -1f;

    /** Squared distance to the base below which a DIFF candidate counts as the base itself. */
    public static final float SAME_POINT_EPSILON = 1e-5f;

    /** Relative length below which a combination of unit terms counts as cancelled out. */
    static final double CANCEL_TOLERANCE = 1e-4;

    private final Measure measure;
    private final float[] sum;
    private final float[] base;
    private final float[] direction;
    private final float baseDotDirection;

    private ResolvedQuery(Measure measure, float[] sum, float[] base, float[] direction) {
        this.measure = measure;
        this.sum = sum;
        this.base = base;
        this.direction = direction;
        this.baseDotDirection = measure == Measure.DIFF ? dot(base, direction) : 0f;
    }

    /** A SUM query scoring cos(X, q); {@code q} is normalised (zero-length is refused). */
    public static ResolvedQuery sum(float[] q) {
        return new ResolvedQuery(Measure.SUM, unit(q, "the query vector"), null, null);
    }

    /** A DIFF query scoring cos(X − base/|base|, direction); both are normalised (zero-length is refused). */
    public static ResolvedQuery diff(float[] base, float[] direction) {
        if (base.length != direction.length) {
            throw new QueryException("base has " + base.length + " dimensions but direction has " + direction.length);
        }
        return new ResolvedQuery(Measure.DIFF, null, unit(base, "the base"), unit(direction, "the + and − terms"));
    }

    /** Resolves with the untrained {@link Composer#weightedSum()} for the base terms. */
    public static ResolvedQuery resolve(QueryExpr expr, TermResolver resolver) {
        return resolve(expr, resolver, Composer.weightedSum());
    }

    /**
     * Resolves every term with {@code resolver}, normalises it, and builds the query {@link Measure} defines for
     * {@link QueryExpr#effectiveMeasure()}.
     *
     * @throws QueryException when a term resolves to a zero-length or non-finite vector, when terms differ in
     *                        dimension, or when the terms cancel out (SUM: b + a − s = 0; DIFF: a − s = 0)
     */
    public static ResolvedQuery resolve(QueryExpr expr, TermResolver resolver, Composer composer) {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(composer, "composer");
        List<Term> baseTerms = new ArrayList<>();
        List<float[]> baseUnits = new ArrayList<>();
        float[] d = null;
        double modifierWeight = 0;
        int dim = -1;
        for (Term t : expr.terms()) {
            float[] v = resolver.vector(t);
            if (v == null) {
                throw new QueryException("term " + t + " could not be resolved to a vector");
            }
            if (dim >= 0 && v.length != dim) {
                throw new QueryException("term " + t + " has " + v.length + " dimensions but the query's first term has "
                        + dim + "; all terms must come from one space");
            }
            dim = v.length;
            float[] u = unit(v, "term " + t);
            if (t.role() == Term.Role.BASE) {
                baseTerms.add(t);
                baseUnits.add(u);
            } else {
                d = d == null ? new float[dim] : d;
                axpy(t.signedWeight(), u, d);
                modifierWeight += t.weight();
            }
        }
        float[] b = null;
        double baseWeight = 0;
        if (!baseTerms.isEmpty()) {
            b = composer.compose(baseTerms, baseUnits);
            if (b == null || b.length != dim) {
                throw new QueryException("the composer returned " + (b == null ? "nothing" : b.length + " dimensions")
                        + " for " + baseTerms + "; expected " + dim);
            }
            baseWeight = baseTerms.stream().mapToDouble(Term::weight).sum();
        }
        if (expr.effectiveMeasure() == Measure.SUM) {
            float[] q = new float[dim];
            if (b != null) {
                axpy(1f, b, q);
            }
            if (d != null) {
                axpy(1f, d, q);
            }
            requireNotCancelled(q, baseWeight + modifierWeight, "the terms of " + render(expr) + " cancel out");
            return sum(q);
        }
        requireNotCancelled(b, baseWeight, "the base terms of " + render(expr) + " cancel out");
        requireNotCancelled(d, modifierWeight, "the + and \u2212 terms of " + render(expr) + " cancel out, so they"
                + " give no direction to move in; drop them or change one");
        return diff(b, d);
    }

    /** The effective measure. */
    public Measure measure() {
        return measure;
    }

    public int dimension() {
        return primary().length;
    }

    /** SUM: the unit query vector q̂; {@code null} for DIFF. A copy. */
    public float[] sumVector() {
        return sum == null ? null : sum.clone();
    }

    /** DIFF: the unit base q<sub>img</sub>; {@code null} for SUM. A copy. */
    public float[] base() {
        return base == null ? null : base.clone();
    }

    /** DIFF: the unit direction d̂ = (a − s)/|a − s|; {@code null} for SUM. A copy. */
    public float[] direction() {
        return direction == null ? null : direction.clone();
    }

    /** The vector whose dot product with X every measure needs: q̂ (SUM) or d̂ (DIFF). Not a copy: do not modify. */
    float[] primary() {
        return measure == Measure.SUM ? sum : direction;
    }

    /** DIFF: q<sub>img</sub>, whose dot product with X gives |X − q<sub>img</sub>|; SUM: {@code null}. Not a copy. */
    float[] secondary() {
        return base;
    }

    /** Scores one candidate (any length but zero). */
    public float score(float[] x) {
        float[] p = primary();
        if (x.length != p.length) {
            throw new IllegalArgumentException("candidate has " + x.length + " dimensions, query has " + p.length);
        }
        // the exact scan's kernel (SIMD when the JVM has the Vector API): a streamed scan scores every image here
        DotKernel kernel = DotKernel.best();
        float xx = kernel.dot(x, 0, x, 0, x.length);
        if (!(xx > 0f) || !Float.isFinite(xx)) {
            throw new IllegalArgumentException("candidate vector is zero-length or not finite; cannot score it");
        }
        if (base == null) {
            return score(kernel.dot(x, 0, p, 0, p.length), 0f, xx);
        }
        float[] out = new float[2];
        kernel.dot2(x, 0, p, base, p.length, out);
        return score(out[0], out[1], xx);
    }

    /**
     * The score from precomputed dot products.
     *
     * @param xDotPrimary   X·{@link #primary()}
     * @param xDotSecondary X·{@link #secondary()} (ignored for SUM)
     * @param xNormSquared  |X|², &gt; 0
     */
    public float score(float xDotPrimary, float xDotSecondary, float xNormSquared) {
        if (measure == Measure.SUM) {
            return clamp(xDotPrimary / (float) Math.sqrt(xNormSquared));
        }
        float dist2 = xNormSquared - 2f * xDotSecondary + 1f;
        if (dist2 < SAME_POINT_EPSILON) {
            return NO_MOVE_SCORE;
        }
        return clamp((xDotPrimary - baseDotDirection) / (float) Math.sqrt(dist2));
    }

    @Override
    public String toString() {
        return "ResolvedQuery[" + measure.cliName() + ", " + dimension() + " dims]";
    }

    private static float clamp(float cos) {
        return Math.max(-1f, Math.min(1f, cos));
    }

    private static void requireNotCancelled(float[] v, double totalWeight, String message) {
        if (v == null) {
            throw new QueryException(message);
        }
        double n = Math.sqrt(dot(v, v));
        if (!(n > CANCEL_TOLERANCE * Math.max(totalWeight, 1e-30))) {
            throw new QueryException(message);
        }
    }

    private static String render(QueryExpr expr) {
        return expr.terms().stream().map(Term::toString).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static float[] unit(float[] v, String what) {
        double n = 0;
        for (float f : v) {
            n += (double) f * f;
        }
        n = Math.sqrt(n);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new QueryException(what + " resolved to a " + (n == 0 ? "zero-length" : "non-finite")
                    + " vector, which has no direction to search in; use another term");
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    private static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }
}
