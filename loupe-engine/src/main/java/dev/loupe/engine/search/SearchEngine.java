package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.Space;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.TermResolver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one search API: {@code request → plan → search → re-score → page}. The planner picks
 * <ul>
 *   <li>the visual+semantic blend for a query that is a single image, else the query expression in the model's
 *       text space;</li>
 *   <li>an exact scan when asked, or when at most {@code exactUpTo} images pass the filter (the scan then costs
 *       little and gives the true top k), else HNSW probes re-scored exactly.</li>
 * </ul>
 * The filter is always pushed into the index (its scan or its kNN search), so a filter that matches 1 % of the
 * images still returns k hits without over-fetching. Thread-safe.
 */
public final class SearchEngine {
    /**
     * Up to this many images (after the filter) are scanned exactly: on real embeddings the approximate path's
     * analogy recall@10 is 0.65–0.77 (docs/performance.md), while scoring 10,000 vectors takes a fraction of a second.
     */
    public static final int DEFAULT_EXACT_UP_TO = 10_000;

    private final Model model;
    private final ImageIndex index;
    private final QueryImages images;
    private final ExpressionSearch expressions;
    private final BlendSearch blend;
    private final int exactUpTo;
    private final RelevanceCalibrator relevance;

    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo) {
        this(model, index, images, probes, exactUpTo, new RelevanceCalibrator(model, index, null));
    }

    /** @param relevance reads a plain text query's cosines as match probabilities ({@link Hit#relevance()}) */
    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo,
                        RelevanceCalibrator relevance) {
        if (exactUpTo < 0) {
            throw new IllegalArgumentException("exactUpTo must be >= 0, got " + exactUpTo);
        }
        this.model = model;
        this.index = index;
        this.images = images;
        this.expressions = new ExpressionSearch(index, probes);
        this.blend = new BlendSearch(index);
        this.exactUpTo = exactUpTo;
        this.relevance = relevance;
    }

    public SearchResult search(SearchRequest r) {
        long t0 = System.nanoTime();
        Predicate<ImageRecord> excluded = excluded(r);
        long filtered = r.filter().isNone() ? index.count() : index.count(r.filter());
        boolean exact = r.exact() || filtered <= exactUpTo;
        int n = r.offset() + r.k() + 1; // one more than the page tells whether another page follows
        String space = model.info().textSpace();
        ExpressionSearch.Ranked ranked;
        String plan;
        String measure;
        Float w = blendWeight(r);
        if (w != null) {
            ImageVectors q = vectorsOf(r.expr().terms().get(0), r);
            ranked = exact ? blend.exact(q, w, n, r.filter(), excluded) : blend.probes(q, w, n, r.filter(), excluded);
            plan = exact ? "blend-exact" : "blend-probes";
            measure = "blend";
        } else {
            ResolvedQuery q = ResolvedQuery.resolve(r.expr(), term -> vector(term, space, r), r.composer());
            ranked = exact ? expressions.exact(space, q, n, r.filter(), excluded)
                    : expressions.probes(space, q, n, r.filter(), excluded);
            plan = exact ? "exact" : "probes";
            measure = r.expr().effectiveMeasure().cliName();
        }
        List<Hit> all = ranked.hits();
        List<Hit> page = withRelevance(r, all.subList(Math.min(r.offset(), all.size()),
                Math.min(r.offset() + r.k(), all.size())));
        double millis = (System.nanoTime() - t0) / 1e6;
        return new SearchResult(page, all.size() > r.offset() + r.k(), r.expr().toString(), measure,
                new SearchStats(plan, ranked.candidates(), ranked.visited(), filtered, millis));
    }

    /**
     * The hits with their relevance when the query is plain text (one text, nothing added or subtracted): the
     * calibration speaks for a text's cosine with an image, not for blends, sums or differences.
     */
    private List<Hit> withRelevance(SearchRequest r, List<Hit> page) {
        List<Term> terms = r.expr().terms();
        if (page.isEmpty() || terms.size() != 1 || terms.get(0).kind() != Term.Kind.TEXT || r.expr().hasModifiers()) {
            return page;
        }
        return relevance.relevance().map(rel -> page.stream().map(h -> h.withRelevance(rel.of(h.score()))).toList())
                .orElse(page);
    }

    /** The session's relevance calibration, measuring it if needed; empty while the index is empty. */
    public java.util.Optional<dev.loupe.core.Relevance> relevance() {
        return relevance.relevance();
    }

    /** The vectors of an image file, which may or may not be indexed. */
    public ImageVectors vectorsOf(Path image) {
        return images.vectorsOf(image);
    }

    /** The blend weight when the query is a single image and the model has a visual space, else null. */
    private Float blendWeight(SearchRequest r) {
        List<Term> terms = r.expr().terms();
        if (terms.size() != 1 || !terms.get(0).kind().isImage() || terms.get(0).role() != Term.Role.BASE) {
            return null;
        }
        boolean visual = model.info().spaces().stream().anyMatch(s -> s.name().equals(Space.VISUAL));
        float w = r.visualWeight() != null ? r.visualWeight() : model.visualWeight();
        return visual && w > 0 ? w : null;
    }

    private float[] vector(Term term, String space, SearchRequest r) {
        return switch (term.kind()) {
            case TEXT -> model.encodeText(term.value());
            case IMAGE_PATH, IMAGE_ID -> vectorsOf(term, r).get(space);
        };
    }

    private ImageVectors vectorsOf(Term term, SearchRequest r) {
        if (term.kind() == Term.Kind.IMAGE_ID) {
            return index.vectors(term.value()).orElseThrow(() -> new IllegalArgumentException("unknown image id '"
                    + term.value() + "': use an id shown in [brackets] after a search result"));
        }
        SearchRequest.GivenImage given = r.given().get(term.value());
        return given != null ? given.vectors() : images.vectorsOf(Path.of(term.value()));
    }

    /**
     * The query's own images, unless kept: indexed images named by id or path, and — in a query with plus/minus
     * terms, where the photo one starts from is no answer — indexed copies of an image the caller encoded (by content
     * hash). A plain upload still finds its indexed copy: "where is this photo" is a fair question.
     */
    private static Predicate<ImageRecord> excluded(SearchRequest r) {
        if (r.includeQueryImages()) {
            return record -> false;
        }
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        QueryExpr expr = r.expr();
        for (Term t : expr.terms()) {
            if (t.kind() == Term.Kind.IMAGE_ID) {
                ids.add(t.value());
            } else if (t.kind() == Term.Kind.IMAGE_PATH) {
                ids.add(ImageIds.forPath(Path.of(t.value()).toAbsolutePath().normalize().toString()));
                SearchRequest.GivenImage given = r.given().get(t.value());
                if (given != null && expr.hasModifiers()) {
                    hashes.add(given.contentHash());
                }
            }
        }
        if (ids.isEmpty() && hashes.isEmpty()) {
            return record -> false;
        }
        return record -> ids.contains(record.id()) || hashes.contains(record.contentHash());
    }
}
