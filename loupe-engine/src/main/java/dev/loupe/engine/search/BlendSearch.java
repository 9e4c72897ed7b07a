package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.query.VectorSupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Image-to-image search over two spaces at once: {@code w·cos(visual) + (1−w)·cos(semantic)}. The visual space
 * finds the same picture and near copies, the semantic space the same kind of scene. Either every image that passes
 * the filter is scored ({@link #exact}), or candidates come from both spaces' HNSW graphs under the filter and are
 * re-scored with the blend ({@link #probes}).
 */
final class BlendSearch {
    private static final int MIN_CANDIDATES = 50;

    private final ImageIndex index;
    private final String semantic;

    BlendSearch(ImageIndex index) {
        this.index = index;
        this.semantic = index.model().textSpace();
    }

    /** Scores every image that passes the filter as the index streams it; records are read for the top only. */
    ExpressionSearch.Ranked exact(ImageVectors query, float w, int n, ImageFilter filter,
                                  Predicate<ImageRecord> excluded) {
        float[] visual = query.get(Space.VISUAL);
        float[] sem = query.get(semantic);
        return ExpressionSearch.scanTop(index, filter, Set.of(semantic, Space.VISUAL),
                image -> w * VectorSupport.dot(visual, image.vector(Space.VISUAL))
                        + (1 - w) * VectorSupport.dot(sem, image.vector(semantic)), n, excluded);
    }

    ExpressionSearch.Ranked probes(ImageVectors query, float w, int n, ImageFilter filter,
                                   Predicate<ImageRecord> excluded) {
        int candidates = Math.max(MIN_CANDIDATES, 4 * n);
        Map<String, ImageRecord> pool = new LinkedHashMap<>();
        long visited = 0;
        for (String space : List.of(semantic, Space.VISUAL)) {
            var found = index.nearest(new VectorQuery(space, query.get(space), candidates, filter));
            visited += found.visited();
            for (Hit h : found.hits()) {
                if (!excluded.test(h.image())) {
                    pool.putIfAbsent(h.id(), h.image());
                }
            }
        }
        List<Hit> scored = new ArrayList<>(pool.size());
        Map<String, ImageVectors> vectors = index.vectors(pool.keySet(), Set.of(semantic, Space.VISUAL));
        for (ImageRecord r : pool.values()) {
            ImageVectors v = vectors.get(r.id());
            if (v != null) { // absent: just deleted
                scored.add(new Hit(r, score(query, v, w)));
            }
        }
        scored.sort(Comparator.comparingDouble(Hit::score).reversed());
        return new ExpressionSearch.Ranked(List.copyOf(scored.subList(0, Math.min(n, scored.size()))), pool.size(),
                visited);
    }

    private float score(ImageVectors query, ImageVectors x, float w) {
        return w * VectorSupport.dot(query.get(Space.VISUAL), x.get(Space.VISUAL))
                + (1 - w) * VectorSupport.dot(query.get(semantic), x.get(semantic));
    }
}
