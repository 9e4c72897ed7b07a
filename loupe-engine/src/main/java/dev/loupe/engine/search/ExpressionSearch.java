package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ScannedImage;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.query.ApproximateSearch;
import dev.loupe.core.query.BestOf;
import dev.loupe.core.query.CandidateSource;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;
import dev.loupe.core.query.VectorStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Ranks a resolved query expression (plain, composed, analogy with either measure, negatives) in one space: either
 * by scoring every image that passes the filter ({@link #exact}) or by asking the index for the candidates that
 * {@link ApproximateSearch}'s probes choose and re-scoring their union exactly ({@link #probes}).
 */
final class ExpressionSearch {
    private final ImageIndex index;
    private final ProbeSettings probes;

    ExpressionSearch(ImageIndex index, ProbeSettings probes) {
        this.index = index;
        this.probes = probes;
    }

    /** A ranked list and its cost. */
    record Ranked(List<Hit> hits, long candidates, long visited) {
    }

    /**
     * Scores every image that passes the filter as the index streams it ({@link ImageIndex#scan}): no vector is
     * copied and only the records of images that enter the top {@code n} are read.
     */
    Ranked exact(String space, ResolvedQuery query, int n, ImageFilter filter, Predicate<ImageRecord> excluded) {
        return scanTop(index, filter, Set.of(space), image -> query.score(image.vector(space)), n, excluded);
    }

    /**
     * The top {@code n} of every image that passes {@code filter}, scored by {@code score} over the vectors of
     * {@code spaces} as the index streams them; the exclusion needs the record, so it is asked only of images that
     * could enter the top.
     */
    static Ranked scanTop(ImageIndex index, ImageFilter filter, Set<String> spaces,
                          ToDoubleFunction<ScannedImage> score, int n, Predicate<ImageRecord> excluded) {
        BestOf<ImageRecord> top = new BestOf<>(n);
        long[] scored = {0};
        index.scan(filter, spaces, image -> {
            float s = (float) score.applyAsDouble(image);
            scored[0]++;
            if (top.competitive(s)) {
                ImageRecord r = image.record();
                if (excluded.test(r)) {
                    scored[0]--;
                } else {
                    top.offer(r, s);
                }
            }
        });
        List<Hit> hits = top.results().stream().map(h -> new Hit(h.item(), h.score())).toList();
        return new Ranked(hits, scored[0], 0);
    }

    Ranked probes(String space, ResolvedQuery query, int n, ImageFilter filter, Predicate<ImageRecord> excluded) {
        Candidates candidates = new Candidates(space, filter);
        ApproximateSearch search = new ApproximateSearch(candidates, candidates, probes);
        List<ScoredOrdinal> top = search.topK(query, n, ord -> excluded.test(candidates.records.get(ord)));
        List<Hit> hits = top.stream().map(s -> new Hit(candidates.records.get(s.ordinal()), s.score())).toList();
        return new Ranked(hits, candidates.size(), candidates.visited);
    }

    /**
     * Gives the index's hits per-query ordinals, so that {@link ApproximateSearch} can work on them, and keeps
     * their vectors for the exact re-score.
     */
    private final class Candidates implements CandidateSource, VectorStore {
        private final String space;
        private final ImageFilter filter;
        private final Map<String, Integer> ordinals = new HashMap<>();
        final List<ImageRecord> records = new ArrayList<>();
        private final List<float[]> vectors = new ArrayList<>();
        long visited;

        Candidates(String space, ImageFilter filter) {
            this.space = space;
            this.filter = filter;
        }

        @Override
        public int[] nearest(float[] probe, int k) {
            var found = index.nearest(new VectorQuery(space, probe, k, filter));
            visited += found.visited();
            List<String> unseen = found.hits().stream().map(Hit::id).filter(id -> !ordinals.containsKey(id)).toList();
            Map<String, ImageVectors> read = unseen.isEmpty() ? Map.of() : index.vectors(unseen, Set.of(space));
            int[] out = new int[found.hits().size()];
            int n = 0;
            for (Hit h : found.hits()) {
                Integer ord = ordinals.get(h.id());
                if (ord == null) {
                    ImageVectors v = read.get(h.id());
                    if (v == null) {
                        continue; // deleted since the probe
                    }
                    ord = records.size();
                    ordinals.put(h.id(), ord);
                    records.add(h.image());
                    vectors.add(v.get(space));
                }
                out[n++] = ord;
            }
            return Arrays.copyOf(out, n);
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public int dimension() {
            return index.model().space(space).dimension();
        }

        @Override
        public float score(ResolvedQuery query, int ordinal) {
            return query.score(vectors.get(ordinal));
        }
    }
}
