package dev.loupe.engine.search;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.core.query.Composer;
import dev.loupe.core.query.QueryExpr;

import java.util.Map;
import java.util.Objects;

/**
 * One search, whatever its kind: text, image, analogy, composed, negatives, refinement by id — all are a
 * {@link QueryExpr} (terms with roles and weights, and a measure). The CLI and the server build this from their
 * input and hand it to {@link SearchEngine#search}.
 *
 * @param expr               the query
 * @param composer           how the base terms combine: {@link Composer#weightedSum()} or a trained composer
 * @param filter             only images that pass it; pushed into the index's search
 * @param k                  hits per page, 1 to {@link #MAX_RANKED}
 * @param offset             hits to skip (paging), with {@code offset + k < MAX_RANKED}
 * @param includeQueryImages keep the query's own images in the hits (left out by default)
 * @param exact              score every image that passes the filter instead of approximate candidates
 * @param visualWeight       for a single-image query: the blend weight of the visual space, 0..1; null: the
 *                           model's measured default
 * @param given              vectors the caller already holds for image-file terms (an upload the server has
 *                           encoded), by the term's file path; those files are not decoded again
 * @param mode               for a query of words: rank by the embedding, by the words in and around the images, or
 *                           both ({@link SearchMode}); queries with an image are ranked by the embedding
 * @param sort               the page's order: by relevance, or the relevant hits by date ({@link SortOrder})
 * @param head               a trained text→image head ranking a text query in its own space, or null
 */
public record SearchRequest(QueryExpr expr, Composer composer, ImageFilter filter, int k, int offset,
                            boolean includeQueryImages, boolean exact, Float visualWeight,
                            Map<String, GivenImage> given, SearchMode mode, SortOrder sort,
                            TextImageHead head) {
    /** How many hits one search can rank: k + offset stays below it. */
    public static final int MAX_RANKED = 10_000;

    /** An image the caller has already encoded, and its content hash (an identical indexed file is left out). */
    public record GivenImage(ImageVectors vectors, String contentHash) {
        public GivenImage {
            Objects.requireNonNull(vectors, "vectors");
            Objects.requireNonNull(contentHash, "contentHash");
        }
    }

    public SearchRequest {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(composer, "composer");
        Objects.requireNonNull(filter, "filter");
        given = given == null ? Map.of() : Map.copyOf(given);
        mode = mode == null ? SearchMode.DEFAULT : mode;
        sort = sort == null ? SortOrder.RELEVANCE : sort;
        if (k < 1 || k >= MAX_RANKED) {
            throw new IllegalArgumentException("-k must be between 1 and " + (MAX_RANKED - 1) + ", got " + k);
        }
        if (offset < 0 || (long) offset + k >= MAX_RANKED) {
            throw new IllegalArgumentException("paging stops after " + (MAX_RANKED - 1) + " hits (offset " + offset
                    + " + k " + k + "); narrow the query with filters instead");
        }
        if (visualWeight != null && !(visualWeight >= 0f && visualWeight <= 1f)) {
            throw new IllegalArgumentException("--visual-weight must be a number from 0 to 1, got " + visualWeight);
        }
    }

    /** In the default mode, by relevance. */
    public SearchRequest(QueryExpr expr, Composer composer, ImageFilter filter, int k, int offset,
                         boolean includeQueryImages, boolean exact, Float visualWeight, Map<String, GivenImage> given) {
        this(expr, composer, filter, k, offset, includeQueryImages, exact, visualWeight, given, SearchMode.DEFAULT,
                SortOrder.RELEVANCE, null);
    }

    /** The first {@code k} hits of {@code expr}, weighted sum, no filter. */
    public static SearchRequest of(QueryExpr expr, int k) {
        return new SearchRequest(expr, Composer.weightedSum(), ImageFilter.NONE, k, 0, false, false, null, null);
    }

    public SearchRequest withMode(SearchMode m) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, exact, visualWeight, given, m, sort, head);
    }

    public SearchRequest withSort(SortOrder s) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, exact, visualWeight, given, mode, s, head);
    }

    public SearchRequest withComposer(Composer c) {
        return new SearchRequest(expr, c, filter, k, offset, includeQueryImages, exact, visualWeight, given, mode, sort, head);
    }

    /** Ranks the (text) query in the space of {@code h} instead of the model's text space; null: the model's. */
    public SearchRequest withHead(TextImageHead h) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, exact, visualWeight, given, mode, sort, h);
    }

    public SearchRequest withFilter(ImageFilter f) {
        return new SearchRequest(expr, composer, f, k, offset, includeQueryImages, exact, visualWeight, given, mode, sort, head);
    }

    public SearchRequest withPage(int pageSize, int skip) {
        return new SearchRequest(expr, composer, filter, pageSize, skip, includeQueryImages, exact, visualWeight, given, mode, sort, head);
    }

    public SearchRequest withIncludeQueryImages(boolean include) {
        return new SearchRequest(expr, composer, filter, k, offset, include, exact, visualWeight, given, mode, sort, head);
    }

    public SearchRequest withExact(boolean scanAll) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, scanAll, visualWeight, given, mode, sort, head);
    }

    public SearchRequest withVisualWeight(Float w) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, exact, w, given, mode, sort, head);
    }

    public SearchRequest withGiven(Map<String, GivenImage> images) {
        return new SearchRequest(expr, composer, filter, k, offset, includeQueryImages, exact, visualWeight, images, mode, sort, head);
    }
}
