package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.Model;
import dev.loupe.core.query.ApproximateSearch;
import dev.loupe.core.query.CandidateSource;
import dev.loupe.core.query.Composer;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.TermResolver;
import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.VectorMatrix;
import dev.loupe.core.query.VectorStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs query expressions (plain, composed, analogies with either measure, negatives) over one index, in the
 * model's text space: {@code query → resolve terms → candidates (HNSW probes) → exact re-score → hits}.
 * The approximate path asks the index with the probes {@link ApproximateSearch} chooses and re-scores the union
 * exactly; {@link Request#exact()} scans every vector instead, and so does every query on an index of at most
 * {@code exactUpTo} images, where the scan costs little and the answer is the true top k.
 */
public final class QueryEngine {
    /**
     * Indexes up to this size are scanned exactly: on real embeddings the approximate path's recall@10 is 0.65–0.77
     * (docs/performance.md), while reading and scoring 10,000 vectors takes a fraction of a second.
     */
    public static final int DEFAULT_EXACT_UP_TO = 10_000;

    /**
     * @param expr               the query
     * @param k                  how many hits
     * @param includeQueryImages keep the query's own images in the results (left out by default)
     * @param exact              score every indexed vector instead of the HNSW candidates
     * @param composer           combines the base terms; {@link Composer#weightedSum()} unless a trained one is given
     * @param filter             only images that pass it (e.g. labelled "holiday" by {@code loupe classify apply})
     */
    public record Request(QueryExpr expr, int k, boolean includeQueryImages, boolean exact, Composer composer,
                          ImageFilter filter) {
        public Request {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(composer, "composer");
            Objects.requireNonNull(filter, "filter");
            Searcher.checkK(k);
        }

        public Request(QueryExpr expr, int k, boolean includeQueryImages, boolean exact, Composer composer) {
            this(expr, k, includeQueryImages, exact, composer, ImageFilter.NONE);
        }

        public static Request of(QueryExpr expr, int k) {
            return new Request(expr, k, false, false, Composer.weightedSum());
        }
    }

    private final Model model;
    private final ImageIndex index;
    private final Searcher searcher;
    private final ProbeSettings probes;
    private final int exactUpTo;

    /**
     * @param exactUpTo indexes with at most this many images are always scanned exactly (0: only when asked)
     */
    public QueryEngine(Model model, ImageIndex index, Searcher searcher, ProbeSettings probes, int exactUpTo) {
        if (exactUpTo < 0) {
            throw new IllegalArgumentException("exactUpTo must be >= 0, got " + exactUpTo);
        }
        this.model = model;
        this.index = index;
        this.searcher = searcher;
        this.probes = probes;
        this.exactUpTo = exactUpTo;
    }

    public List<Hit> search(Request request) {
        String space = model.info().textSpace();
        ResolvedQuery query = ResolvedQuery.resolve(request.expr(), resolver(space), request.composer());
        Set<String> excluded = request.includeQueryImages() ? Set.of() : queryImageIds(request.expr());
        return request.exact() || index.count() <= exactUpTo
                ? exact(space, query, request.k(), excluded, request.filter())
                : approximate(space, query, request.k(), excluded, request.filter());
    }

    /** Resolves terms: texts are embedded, files decoded and encoded (or read from the index), ids looked up. */
    private TermResolver resolver(String space) {
        return term -> switch (term.kind()) {
            case TEXT -> model.encodeText(term.value());
            case IMAGE_PATH -> searcher.vectorsOf(Path.of(term.value())).get(space);
            case IMAGE_ID -> index.vector(term.value(), space).orElseThrow(() -> new IllegalArgumentException(
                    "unknown image id '" + term.value() + "': use an id shown in [brackets] after a search result"));
        };
    }

    private Set<String> queryImageIds(QueryExpr expr) {
        Set<String> ids = new HashSet<>(expr.baseImageIds());
        for (String p : expr.baseImagePaths()) {
            ids.add(ImageIds.forPath(Path.of(p).toAbsolutePath().normalize().toString()));
        }
        for (Term t : expr.terms()) {
            if (t.kind() == Term.Kind.IMAGE_ID) {
                ids.add(t.value());
            }
        }
        return ids;
    }

    private List<Hit> exact(String space, ResolvedQuery query, int k, Set<String> excluded, ImageFilter filter) {
        List<ImageRecord> records = new ArrayList<>();
        VectorMatrix.Builder matrix = VectorMatrix.builder(model.info().space(space).dimension());
        index.forEachVector(space, (record, vector) -> {
            if (!excluded.contains(record.id()) && passes(filter, record.id())) {
                records.add(record);
                matrix.add(vector);
            }
        });
        if (records.isEmpty()) {
            return List.of();
        }
        return new ExactScanner(matrix.build()).topK(query, k).stream()
                .map(s -> new Hit(records.get(s.ordinal()), s.score())).toList();
    }

    private boolean passes(ImageFilter filter, String id) {
        return filter.isNone() || filter.test(id, filter.anyLabel() == null ? Map.of() : index.labels(id));
    }

    private List<Hit> approximate(String space, ResolvedQuery query, int k, Set<String> excluded, ImageFilter filter) {
        Candidates candidates = new Candidates(space, filter);
        ApproximateSearch search = new ApproximateSearch(candidates, candidates, probes);
        List<ScoredOrdinal> top = search.topK(query, k, ord -> excluded.contains(candidates.records.get(ord).id()));
        return top.stream().map(s -> new Hit(candidates.records.get(s.ordinal()), s.score())).toList();
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

        Candidates(String space, ImageFilter filter) {
            this.space = space;
            this.filter = filter;
        }

        @Override
        public int[] nearest(float[] probe, int k) {
            List<Hit> hits = filter.isNone() ? index.nearest(space, probe, k) : index.nearest(space, probe, k, filter);
            int[] out = new int[hits.size()];
            int n = 0;
            for (Hit h : hits) {
                Integer ord = ordinals.get(h.id());
                if (ord == null) {
                    float[] v = index.vector(h.id(), space).orElse(null);
                    if (v == null) {
                        continue; // deleted since the probe
                    }
                    ord = records.size();
                    ordinals.put(h.id(), ord);
                    records.add(h.image());
                    vectors.add(v);
                }
                out[n++] = ord;
            }
            return java.util.Arrays.copyOf(out, n);
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public int dimension() {
            return model.info().space(space).dimension();
        }

        @Override
        public float score(ResolvedQuery query, int ordinal) {
            return query.score(vectors.get(ordinal));
        }
    }
}
