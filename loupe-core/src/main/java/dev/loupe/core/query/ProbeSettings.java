package dev.loupe.core.query;

import java.util.List;
import java.util.Objects;

/**
 * How {@link ApproximateSearch} gathers candidates from the ANN index.
 *
 * <p>DIFF asks the index once per λ in {@code lambdas} with the probe normalize(q<sub>img</sub> + λ·d̂) — points on
 * the great circle from the base towards the direction, where candidates X with X − q<sub>img</sub> pointing along
 * d̂ lie — and, when {@code directionProbe}, once with d̂ itself (the limit λ → ∞). SUM asks once with q̂, which the
 * index ranks exactly as the measure does, up to its approximation; that one probe gets the candidate budget of all
 * DIFF probes together, to make up for the index's own misses.
 *
 * <p>Where DIFF's answers lie on that arc depends on the data (far out on well-spread embeddings, close to the base
 * in a tight cluster), so a fixed λ fits some collections and not others. With {@code refinements} > 0 the search
 * adapts: after the first probes it takes the best candidates found so far and asks again at the λ whose probe ranks
 * them first — for a candidate X with score s = cos(X − q<sub>img</sub>, d̂), the probe direction q<sub>img</sub> + λd̂
 * is tangent to the measure's level set at X when λ = |X − q<sub>img</sub>| / s (the median over the current top
 * k) — and repeats that {@code refinements} times.
 *
 * @param lambdas         the λ values of the DIFF probes, each finite and ≥ 0
 * @param directionProbe  whether DIFF also probes with d̂
 * @param candidateFactor each DIFF probe asks for max(k, ⌈candidateFactor·k⌉) neighbours; ≥ 1
 * @param refinements     DIFF look-ups at the tangent λ of the best candidates so far, after the fixed probes; ≥ 0
 */
public record ProbeSettings(List<Float> lambdas, boolean directionProbe, double candidateFactor, int refinements) {

    /**
     * One look-up of 3k neighbours at λ = 0.5, then one at the tangent λ of the best candidates (3k neighbours each;
     * SUM's single probe gets 6k). Chosen with {@code AnalogyBench} and {@code FashionAnalogyBench} over Lucene HNSW
     * graphs with M=16, beamWidth=100 (what the index uses), as the setting that holds up on both kinds of data:
     * 100,000 synthetic clustered vectors — recall@10 0.959 at 16.7× the exact scan (the former default, λ 1.5
     * alone: 0.912 at 25.6×) — and 140,000 real builtin embeddings of Fashion-MNIST, where answers lie much closer
     * to the base — 0.652 at 21× (λ 1.5 alone: 0.345, its probes could not reach the answers). See
     * docs/performance.md.
     */
    public static final ProbeSettings DEFAULT = new ProbeSettings(List.of(0.5f), false, 3, 1);

    public ProbeSettings {
        lambdas = List.copyOf(Objects.requireNonNull(lambdas, "lambdas"));
        for (Float l : lambdas) {
            if (l == null || !Float.isFinite(l) || l < 0) {
                throw new IllegalArgumentException("probe lambda must be finite and >= 0, got " + l);
            }
        }
        if (lambdas.isEmpty() && !directionProbe) {
            throw new IllegalArgumentException("no DIFF probes: give at least one lambda or the direction probe");
        }
        if (!(candidateFactor >= 1) || !Double.isFinite(candidateFactor)) {
            throw new IllegalArgumentException("candidateFactor must be finite and >= 1, got " + candidateFactor);
        }
        if (refinements < 0) {
            throw new IllegalArgumentException("refinements must be >= 0, got " + refinements);
        }
    }

    /** Fixed probes only. */
    public ProbeSettings(List<Float> lambdas, boolean directionProbe, double candidateFactor) {
        this(lambdas, directionProbe, candidateFactor, 0);
    }

    /** Neighbours asked per probe for a top-{@code k} query. */
    public int perProbe(int k) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(k, (long) Math.ceil(candidateFactor * k)));
    }

    /** Neighbours asked by SUM's single probe for a top-{@code k} query: {@link #diffProbeCount()} × perProbe(k). */
    public int sumPerProbe(int k) {
        return (int) Math.min(Integer.MAX_VALUE, (long) diffProbeCount() * perProbe(k));
    }

    /** Number of index look-ups per DIFF query (at most: a refinement is skipped when it has nothing to adapt to). */
    public int diffProbeCount() {
        return lambdas.size() + (directionProbe ? 1 : 0) + refinements;
    }

    @Override
    public String toString() {
        return "λ=" + lambdas + (directionProbe ? "+d" : "") + (refinements > 0 ? " +" + refinements + " tangent" : "")
                + " ×" + candidateFactor;
    }
}
