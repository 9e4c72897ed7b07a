package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.core.query.BestOf;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Ranks a text query in a trained head's space ({@link TextImageHead}): the score of an image is the head's cosine
 * of the text's joint vector and the image's projected vector of the head's image space. The exact plan scores
 * every image that passes the filter; the approximate plan asks the index's HNSW graph of the image space for the
 * nearest neighbours of the query's direction {@code Wᵀ q} there (the head's score before its normalisation) and
 * re-scores them exactly with the head's cosine. The filter is pushed into both.
 */
final class HeadSearch {
    /** Candidates the approximate plan re-scores per hit asked for, and at least. */
    static final int DEPTH_PER_HIT = 10;
    static final int MIN_DEPTH = 500;

    private final ImageIndex index;

    HeadSearch(ImageIndex index) {
        this.index = index;
    }

    /** Candidates the approximate plan re-scores for {@code n} hits; a filter that passes fewer is scanned. */
    static int depth(int n) {
        return Math.max(MIN_DEPTH, n * DEPTH_PER_HIT);
    }

    ExpressionSearch.Ranked exact(TextImageHead head, float[] query, int n, ImageFilter filter,
                                  Predicate<ImageRecord> excluded) {
        String space = head.imageSpace();
        return ExpressionSearch.scanTop(index, filter, Set.of(space), image -> head.score(query,
                image.vector(space)), n, excluded);
    }

    ExpressionSearch.Ranked probes(TextImageHead head, float[] query, int n, ImageFilter filter,
                                   Predicate<ImageRecord> excluded) {
        String space = head.imageSpace();
        var found = index.nearest(new VectorQuery(space, head.direction(query), depth(n), filter));
        List<String> ids = found.hits().stream().map(Hit::id).toList();
        Map<String, ImageVectors> vectors = ids.isEmpty() ? Map.of() : index.vectors(ids, Set.of(space));
        BestOf<ImageRecord> top = new BestOf<>(n);
        long scored = 0;
        for (Hit h : found.hits()) {
            ImageVectors v = vectors.get(h.id());
            if (v == null || excluded.test(h.image())) {
                continue; // deleted since the probe, or the query's own image
            }
            scored++;
            top.offer(h.image(), head.score(query, v.get(space)));
        }
        List<Hit> hits = top.results().stream().map(s -> new Hit(s.item(), s.score())).toList();
        return new ExpressionSearch.Ranked(hits, scored, found.visited());
    }
}
