package dev.loupe.server;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.query.Composer;
import dev.loupe.core.query.QueryExpr;

/**
 * A validated search: the query expression and how to page, filter and present it.
 *
 * @param expr         what to score images by
 * @param similarTo    for a query that is one base image and nothing else: its vectors, so that the search blends
 *                     the visual and the semantic space like {@code loupe similar}; null otherwise
 * @param similarId    the indexed id of that image (left out of the hits), or null for an upload
 * @param excludedHashes content hashes of indexed files to leave out: copies of an uploaded base image in a query
 *                     with plus/minus terms (in such a query the photo one starts from is no answer)
 * @param composer     how base terms combine
 * @param filter       folder and date range
 * @param k            hits on this page
 * @param offset       hits skipped (from the cursor)
 * @param tagsPerHit   tags shown with each hit
 * @param fingerprint  identifies the query for its cursors
 */
record SearchPlan(QueryExpr expr, ImageVectors similarTo, String similarId, java.util.Set<String> excludedHashes,
                  Composer composer, HitFilter filter,
                  int k, int offset, boolean includeQueryImages, boolean exact, int tagsPerHit, String fingerprint) {
}
