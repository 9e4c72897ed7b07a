package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The approximate path. An ANN index ranks by the inner product with one fixed vector, which is exactly SUM's
 * score but not DIFF's: cos(X − q<sub>img</sub>, d) depends on X through both X·d and |X − q<sub>img</sub>|. So the
 * search gathers candidates with a few probe vectors ({@link ProbeSettings}), takes their union, re-scores every
 * candidate exactly with the query's measure and returns the top k. The result is exact whenever the true top k are
 * among the candidates; {@code AnalogyBench} measures how often that holds. Thread-safe if the
 * {@link CandidateSource} is.
 */
public final class ApproximateSearch {
    private final CandidateSource index;
    private final VectorStore vectors;
    private final ProbeSettings settings;

    public ApproximateSearch(CandidateSource index, VectorStore vectors, ProbeSettings settings) {
        this.index = Objects.requireNonNull(index, "index");
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ApproximateSearch(CandidateSource index, VectorStore vectors) {
        this(index, vectors, ProbeSettings.DEFAULT);
    }

    /** The k best candidates found, best first. */
    public List<ScoredOrdinal> topK(ResolvedQuery query, int k) {
        return topK(query, k, ord -> false);
    }

    /** The k best candidates found that {@code exclude} does not reject, best first. */
    public List<ScoredOrdinal> topK(ResolvedQuery query, int k, IntPredicate exclude) {
        Objects.requireNonNull(exclude, "exclude");
        if (query.dimension() != vectors.dimension()) {
            throw new IllegalArgumentException("query has " + query.dimension() + " dimensions, the vectors have "
                    + vectors.dimension());
        }
        TopK top = new TopK(k);
        for (int ord : candidates(query, k)) {
            if (!exclude.test(ord)) {
                top.offer(ord, vectors.score(query, ord));
            }
        }
        return top.results();
    }

    /** The distinct candidate ordinals the probes gather for a top-{@code k} query, ascending. */
    public int[] candidates(ResolvedQuery query, int k) {
        int perProbe = query.measure() == Measure.SUM ? settings.sumPerProbe(k) : settings.perProbe(k);
        List<int[]> found = new ArrayList<>();
        for (float[] probe : probes(query)) {
            found.add(index.nearest(probe, perProbe));
        }
        int[] all = distinct(found);
        if (query.measure() == Measure.DIFF) {
            for (int r = 0; r < settings.refinements(); r++) {
                float lambda = tangentLambda(query, all, k);
                float[] probe = lambda > 0 && Float.isFinite(lambda)
                        ? probe(query.secondary(), query.primary(), lambda) : null;
                if (probe == null) {
                    break;
                }
                found.add(index.nearest(probe, perProbe));
                all = distinct(found);
            }
        }
        return all;
    }

    /**
     * The λ whose probe is tangent to the DIFF measure's level sets at the best candidates so far: the median of
     * |X − q| / score over the top {@code k} with a positive score (unit vectors assumed, as the index stores them);
     * NaN when none has one.
     */
    private float tangentLambda(ResolvedQuery query, int[] candidates, int k) {
        TopK top = new TopK(k);
        for (int ord : candidates) {
            top.offer(ord, vectors.score(query, ord));
        }
        ResolvedQuery towardsBase = ResolvedQuery.sum(query.secondary());
        List<Float> lambdas = new ArrayList<>();
        for (ScoredOrdinal s : top.results()) {
            if (s.score() > 0) {
                double cosToBase = vectors.score(towardsBase, s.ordinal());
                double distance = Math.sqrt(Math.max(0, 2 - 2 * cosToBase));
                lambdas.add((float) (distance / s.score()));
            }
        }
        if (lambdas.isEmpty()) {
            return Float.NaN;
        }
        java.util.Collections.sort(lambdas);
        return lambdas.get(lambdas.size() / 2);
    }

    private int[] distinct(List<int[]> found) {
        int total = 0;
        for (int[] ords : found) {
            total += ords.length;
        }
        int[] all = new int[total];
        int n = 0;
        for (int[] ords : found) {
            System.arraycopy(ords, 0, all, n, ords.length);
            n += ords.length;
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                int ord = all[i];
                if (ord < 0 || ord >= vectors.size()) {
                    throw new IllegalStateException("the ANN index returned ordinal " + ord + " but the vector store"
                            + " holds " + vectors.size() + "; index and store are out of step — rebuild the index");
                }
                all[distinct++] = ord;
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    /** The unit probe vectors this search sends to the index for {@code query}. */
    public List<float[]> probes(ResolvedQuery query) {
        if (query.measure() == Measure.SUM) {
            return List.of(query.primary().clone());
        }
        float[] base = query.secondary();
        float[] dir = query.primary();
        List<float[]> probes = new ArrayList<>(settings.diffProbeCount());
        for (float lambda : settings.lambdas()) {
            float[] p = probe(base, dir, lambda);
            if (p != null) {
                probes.add(p);
            }
        }
        if (settings.directionProbe()) {
            probes.add(dir.clone());
        }
        return probes;
    }

    /** normalize(base + λ·dir), or null when that is (nearly) zero. */
    private static float[] probe(float[] base, float[] dir, float lambda) {
        float[] p = new float[base.length];
        double n = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = base[i] + lambda * dir[i];
            n += (double) p[i] * p[i];
        }
        if (n <= 1e-12) {
            return null;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < p.length; i++) {
            p[i] *= inv;
        }
        return p;
    }

    public ProbeSettings settings() {
        return settings;
    }
}
