package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.NamedLabels;
import dev.loupe.core.Space;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.TermResolver;

import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * A query of words is also searched in the words in and around the images (file names, metadata, OCR text,
 * labels) unless its mode is {@link SearchMode#SEMANTIC}: alone ({@link SearchMode#TEXT}) or fused with the
 * embedding's ranking ({@link SearchMode#HYBRID}, the default; {@link Fusion}). When no image's words match, a
 * hybrid search is the plain semantic one (same plan, same cost). The filter is always pushed into the
 * index (its scan, its kNN search, its text search), so a filter that matches 1 % of the images still returns k hits
 * without over-fetching. A date order ({@link SortOrder}) sorts the relevant hits among the best
 * {@link SortOrder#DATE_POOL} by date, then pages. Thread-safe.
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

    private final WordSearch words;
    private final HeadSearch heads;
    private final LabelSearch labels;

    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo) {
        this(model, index, images, probes, exactUpTo, new RelevanceCalibrator(model, index), Fusion.DEFAULT);
    }

    /** With another fusion of words and embedding (the measurements compare several). */
    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo,
                        Fusion fusion) {
        this(model, index, images, probes, exactUpTo, new RelevanceCalibrator(model, index), fusion);
    }

    /** @param relevance reads a plain text query's cosines as match probabilities ({@link Hit#relevance()}) */
    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo,
                        RelevanceCalibrator relevance) {
        this(model, index, images, probes, exactUpTo, relevance, Fusion.DEFAULT);
    }

    /**
     * @param relevance reads a plain text query's cosines as match probabilities ({@link Hit#relevance()})
     * @param fusion    how a hybrid search joins the words' ranking and the embedding's
     */
    public SearchEngine(Model model, ImageIndex index, QueryImages images, ProbeSettings probes, int exactUpTo,
                        RelevanceCalibrator relevance, Fusion fusion) {
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
        this.words = new WordSearch(index, fusion);
        this.heads = new HeadSearch(index);
        this.labels = new LabelSearch(index);
    }

    public SearchResult search(SearchRequest request) {
        long t0 = System.nanoTime();
        // a model's labels count for filters from its own threshold up; below it they are evidence for ranking
        SearchRequest r = request.withFilter(request.filter().withMinModelConfidence(model.labelThreshold()));
        Predicate<ImageRecord> excluded = excluded(r);
        long filtered = r.filter().isNone() ? index.count() : index.count(r.filter());
        boolean exact = r.exact() || filtered <= exactUpTo;
        // one more than the page tells whether another page follows; a date order sorts a pool of the best hits
        int n = r.sort().byDate() ? SortOrder.DATE_POOL : r.offset() + r.k() + 1;
        String space = model.info().textSpace();
        ExpressionSearch.Ranked ranked;
        String plan;
        String measure;
        Map<String, List<TextMatch>> matches = Map.of();
        Map<String, Evidence> evidence = Map.of();
        Float w = blendWeight(r);
        float[][] text = new float[1][];
        TextQuery wordQuery = r.head() != null ? null : textQuery(r);
        if (r.head() != null) {
            float[] query = r.head().query(model.encodeText(headText(r)));
            boolean scan = r.exact() || filtered <= HeadSearch.depth(n);
            ranked = scan ? heads.exact(r.head(), query, n, r.filter(), excluded)
                    : heads.probes(r.head(), query, n, r.filter(), excluded);
            plan = scan ? "head-exact" : "head-probes";
            measure = "head";
        } else if (wordQuery != null && r.mode() == SearchMode.TEXT) {
            WordSearch.Ranked found = words.text(wordQuery, n, r.filter(), excluded);
            ranked = new ExpressionSearch.Ranked(found.hits(), found.candidates(), 0);
            matches = found.matches();
            plan = "text";
            measure = "bm25";
        } else if (wordQuery != null && r.mode() == SearchMode.HYBRID
                && words.anyMatch(wordQuery, r.filter(), excluded)) {
            ResolvedQuery q = ResolvedQuery.resolve(r.expr(), term -> remembered(text, term, vector(term, space, r)),
                    r.composer());
            NamedLabels named = named(r);
            int depth = Math.max(n, WordSearch.DEPTH);
            LabelSearch.Ranked semantic = embedding(space, q, depth, depth, exact, r.filter(), excluded, named);
            WordSearch.Ranked fused = words.hybrid(wordQuery, semantic, named, q, space, n, r.filter(), excluded);
            ranked = new ExpressionSearch.Ranked(fused.hits(), fused.candidates(), fused.visited());
            matches = fused.matches();
            evidence = fused.evidence();
            plan = (named != null ? "labels-" : "") + (exact ? "hybrid-exact" : "hybrid-probes");
            measure = "hybrid";
        } else if (wordQuery != null && r.mode() == SearchMode.HYBRID && wordQuery.hasRequired()) {
            ranked = new ExpressionSearch.Ranked(List.of(), 0, 0); // a required phrase that no image has
            plan = "hybrid-exact";
            measure = "hybrid";
        } else if (w != null) {
            ImageVectors q = vectorsOf(r.expr().terms().get(0), r);
            ranked = exact ? blend.exact(q, w, n, r.filter(), excluded) : blend.probes(q, w, n, r.filter(), excluded);
            plan = exact ? "blend-exact" : "blend-probes";
            measure = "blend";
        } else {
            ResolvedQuery q = ResolvedQuery.resolve(r.expr(), term -> remembered(text, term, vector(term, space, r)),
                    r.composer());
            NamedLabels named = named(r);
            LabelSearch.Ranked found = embedding(space, q, n, LabelSearch.depth(n), exact, r.filter(), excluded,
                    named);
            ranked = new ExpressionSearch.Ranked(found.hits(), found.candidates(), found.visited());
            evidence = found.evidence();
            plan = (named != null ? "labels-" : "") + (exact ? "exact" : "probes");
            measure = r.expr().effectiveMeasure().cliName();
        }
        List<Hit> all = ranked.hits();
        if (r.sort().byDate()) { // the pool's relevance first: hits unlikely to match are left out of a date order
            all = r.sort().order(relevant(r, measure, text[0], all, evidence));
        }
        List<Hit> slice = all.subList(Math.min(r.offset(), all.size()), Math.min(r.offset() + r.k(), all.size()));
        List<Hit> page = r.sort().byDate() ? slice : relevant(r, measure, text[0], slice, evidence);
        double millis = (System.nanoTime() - t0) / 1e6;
        return new SearchResult(page, all.size() > r.offset() + r.k(), r.expr().toString(), measure,
                new SearchStats(plan, ranked.candidates(), ranked.visited(), filtered, millis), matches);
    }

    /**
     * The text a head ranks: a head is an alternative text→image space, so the query must be one plain text (no
     * image, no added or subtracted terms) and is ranked by the head alone, not fused with the words' search.
     */
    private static String headText(SearchRequest r) {
        String text = plainText(r).orElseThrow(() -> new IllegalArgumentException("a head ranks one plain text "
                + "query in its own space; this query is " + r.expr() + " — drop --head, or search one text"));
        if (r.mode() == SearchMode.TEXT) {
            throw new IllegalArgumentException("text mode searches the words in and around the images, a head ranks "
                    + "by its embedding; drop --head or the text mode");
        }
        return text;
    }

    /** The hits with their relevance: the calibration reads cosines (a hybrid hit's own), never fused or BM25 scores. */
    private List<Hit> relevant(SearchRequest r, String measure, float[] text, List<Hit> hits,
                               Map<String, Evidence> evidence) {
        return switch (measure) {
            case "bm25" -> hits;
            default -> withRelevance(r, text, hits, evidence); // hybrid and label searches have a second signal
        };
    }

    /**
     * The embedding's ranking of {@code q}, {@code n} deep; re-ranked with the probabilities of the labels a plain
     * text query names ({@link LabelSearch}), from a ranking {@code depth} deep, when {@code named} is not null.
     */
    private LabelSearch.Ranked embedding(String space, ResolvedQuery q, int n, int depth, boolean exact,
                                         ImageFilter filter, Predicate<ImageRecord> excluded, NamedLabels named) {
        if (named == null) {
            ExpressionSearch.Ranked ranked = exact ? expressions.exact(space, q, n, filter, excluded)
                    : expressions.probes(space, q, n, filter, excluded);
            return new LabelSearch.Ranked(ranked.hits(), Map.of(), ranked.candidates(), ranked.visited());
        }
        return labels.rank(named, (f, k) -> exact ? expressions.exact(space, q, k, f, excluded)
                : expressions.probes(space, q, k, f, excluded), n, depth, filter);
    }

    /** The model's labels a plain text query names, or null. */
    private NamedLabels named(SearchRequest r) {
        return plainText(r).flatMap(model::namedLabels).orElse(null);
    }

    /**
     * The text of a plain text query (one text, nothing added or subtracted, no image), without the quotes that are
     * for the words' search; empty for any other query.
     */
    private static java.util.Optional<String> plainText(SearchRequest r) {
        List<Term> terms = r.expr().terms();
        if (terms.size() != 1 || terms.get(0).kind() != Term.Kind.TEXT || terms.get(0).role() != Term.Role.BASE
                || r.expr().hasModifiers()) {
            return java.util.Optional.empty();
        }
        String v = terms.get(0).value();
        return java.util.Optional.of(v.indexOf('"') >= 0 ? TextQuery.parse(v).plainText() : v);
    }

    /**
     * The words to search for when the mode reads words and the query is words only (its base texts; plus and
     * minus texts steer the embedding only); null when the embedding alone ranks it. Text mode on a query with an
     * image is refused.
     */
    private static TextQuery textQuery(SearchRequest r) {
        if (r.mode() == SearchMode.SEMANTIC) {
            return null;
        }
        List<Term> terms = r.expr().terms();
        boolean wordsOnly = terms.stream().noneMatch(t -> t.kind().isImage());
        if (!wordsOnly) {
            if (r.mode() == SearchMode.TEXT) {
                throw new IllegalArgumentException("text mode searches the words in and around the images; this "
                        + "query has an image — use the hybrid or semantic mode for it");
            }
            return null;
        }
        String base = String.join(" ", terms.stream().filter(t -> t.role() == Term.Role.BASE).map(Term::value)
                .toList());
        TextQuery q = TextQuery.parse(base);
        return q.isEmpty() ? null : q;
    }

    /**
     * The hits with their relevance when the query is plain text (one text, nothing added or subtracted): the
     * calibration speaks for a text's cosine with an image, not for blends, sums or differences.
     */
    private List<Hit> withRelevance(SearchRequest r, float[] text, List<Hit> page,
                                    Map<String, Evidence> hybrid) {
        List<Term> terms = r.expr().terms();
        if (page.isEmpty() || text == null || terms.size() != 1 || terms.get(0).kind() != Term.Kind.TEXT
                || r.expr().hasModifiers()) {
            return page;
        }
        return relevance.forQuery(text).map(rel -> page.stream().map(h -> {
            Evidence e = hybrid.get(h.id());
            // likely to match when its content or its second signal says so (words' score, labels' probability)
            return h.withRelevance(e == null ? rel.of(h.score()) : Math.max(rel.of(e.cosine()), e.match()));
        }).toList()).orElse(page);
    }

    /** Keeps a plain text term's embedding in {@code text[0]}, for the relevance of its hits. */
    private static float[] remembered(float[][] text, Term term, float[] v) {
        if (term.kind() == Term.Kind.TEXT) {
            text[0] = v.clone();
        }
        return v;
    }

    /** The relevance calibration of a text query ({@link RelevanceCalibrator#forQuery}). */
    public java.util.Optional<dev.loupe.core.Relevance> relevance(String text) {
        return relevance.forQuery(model.encodeText(text));
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
            case TEXT -> model.encodeText(term.value().indexOf('"') >= 0
                    ? TextQuery.parse(term.value()).plainText() : term.value()); // quotes are for the words' search
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
