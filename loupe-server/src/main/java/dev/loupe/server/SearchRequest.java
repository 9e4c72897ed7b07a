package dev.loupe.server;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of {@code POST /api/search}: one shape for every kind of query. Every field is optional, but the query
 * needs a base — {@code text}, {@code image}, {@code upload}, or a term with role {@code base}.
 * <pre>
 *   {"text": "a cat", "k": 5}                                                       text
 *   {"image": "3d7d27b12df94b41"}                                                   more like this (indexed image)
 *   {"upload": "u…"}                                                                an uploaded photo
 *   {"upload": "u…", "terms": [{"text": "cat", "role": "minus"},
 *                              {"text": "dog", "role": "plus"}], "measure": "diff"} analogy
 *   {"image": "3d7d…", "terms": [{"text": "in red", "role": "base"}]}               modification text
 * </pre>
 *
 * @param text               base text
 * @param image              base image: an indexed image's id
 * @param upload             base image: an upload's id from {@code POST /api/images}
 * @param terms              more terms, each with a role (base, plus, minus) and an optional weight
 * @param measure            {@code diff} or {@code sum} (see {@link dev.loupe.core.query.Measure})
 * @param composer           how base terms combine: {@code weighted-sum} (default) or the name of a composer registered
 *                           with the index
 * @param filters            labels, folder, date range, least dimensions
 * @param k                  hits per page, 1 to the server's maximum (default 20)
 * @param cursor             the {@code next} value of the previous page
 * @param includeQueryImages keep the query's own images in the hits
 * @param exact              score every image instead of the approximate candidates
 * @param tags               tags per hit, 0 to 20 (default 3)
 * @param visualWeight       for a query that is a single image: the visual space's blend weight, 0..1 (default:
 *                           the model's)
 * @param mode               for a query of words: {@code semantic} (what the photos show), {@code text} (the words
 *                           in and around them: file names, metadata, OCR text, labels) or {@code hybrid} (both,
 *                           the default); "quoted phrases" must occur in the words
 * @param sort               {@code relevance} (default), {@code date} (newest first) or {@code date-asc}: the
 *                           relevant hits (the best 200, without those unlikely to match) by EXIF date, else file time
 * @param head               the name of a text→image head registered with the index: ranks the (one) text in its
 *                           space instead of the model's ({@code bin/loupe-lab train head})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchRequest(String text, String image, String upload, List<TermSpec> terms, String measure,
                            String composer, Filters filters, Integer k, String cursor, Boolean includeQueryImages,
                            Boolean exact, Integer tags, Double visualWeight, String mode,
                            String sort, String head) {

    /** A minimal text query. */
    public static SearchRequest text(String text, int k) {
        return new SearchRequest(text, null, null, null, null, null, null, k, null, null, null, null, null, null, null, null);
    }

    /** The same request for another page. */
    SearchRequest withCursor(String c) {
        return new SearchRequest(text, image, upload, terms, measure, composer, filters, k, c, includeQueryImages,
                exact, tags, visualWeight, mode, sort, head);
    }

    /** The same request with another page size. */
    SearchRequest withK(Integer size) {
        return new SearchRequest(text, image, upload, terms, measure, composer, filters, size, cursor,
                includeQueryImages, exact, tags, visualWeight, mode, sort, head);
    }

    /** The same request in another mode. */
    public SearchRequest withMode(String m) {
        return new SearchRequest(text, image, upload, terms, measure, composer, filters, k, cursor, includeQueryImages,
                exact, tags, visualWeight, m, sort, head);
    }

    /** The same request in another order. */
    public SearchRequest withSort(String s) {
        return new SearchRequest(text, image, upload, terms, measure, composer, filters, k, cursor, includeQueryImages,
                exact, tags, visualWeight, mode, s, head);
    }

    /**
     * One term: exactly one of {@code text}, {@code image}, {@code upload}.
     *
     * @param role   {@code base}, {@code plus} or {@code minus}
     * @param weight finite and &gt; 0 (default 1); subtract with role {@code minus}, never with a negative weight
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TermSpec(String text, String image, String upload, String role, Double weight) {
    }

    /**
     * Filters, pushed into the index's search; an image must pass every one that is given.
     *
     * @param folder        only images in this folder or below (an absolute path, compared as text)
     * @param from          only images taken (EXIF date, else file time) on or after this ISO date or date-time
     * @param to            … on or before this ISO date (the whole day) or date-time
     * @param labels        only images carrying one of these labels (from {@code loupe classify apply})
     * @param minConfidence with {@code labels}: the least confidence a label must have, 0..1 (default 0)
     * @param minWidth      only images at least this many pixels wide
     * @param minHeight     only images at least this many pixels high
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filters(String folder, String from, String to, List<String> labels, Double minConfidence,
                          Integer minWidth, Integer minHeight) {
        public Filters(String folder, String from, String to) {
            this(folder, from, to, null, null, null, null);
        }
    }
}
