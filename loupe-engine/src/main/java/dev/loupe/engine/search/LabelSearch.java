package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.NamedLabels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Ranks a plain text query that names labels of the model ("an animal", "a dog"; {@link NamedLabels}) by its
 * cosine plus the weighted probability the model stored of those labels for each image — the class hierarchy's
 * probability as a second signal beside the embedding (docs/quality.md, "Class hierarchy"). The candidates are the
 * embedding's ranking, {@link #depth} deep, and the same query's top 2n among the images that carry one of the named
 * labels (a filter pushed into the index), so that an image the model is sure of is found even when its cosine alone
 * would rank it below the depth; their probabilities are read in one batch ({@link ImageIndex#modelLabels}). An
 * image that carries none of the labels (its probability below the model's label threshold, 0.4 for the builtin
 * model, so at most 0.04 added at weight 0.1) can only overtake near-ties of the page's cosine, which the depth
 * holds; reading deeper costs latency at a million images (docs/performance.md).
 */
final class LabelSearch {
    /** The embedding's ranking is read at least this deep before the second signal re-ranks it. */
    static final int MIN_DEPTH = 30;

    private final ImageIndex index;

    LabelSearch(ImageIndex index) {
        this.index = index;
    }

    /** The re-ranked hits with each hit's two signals (by id). */
    record Ranked(List<Hit> hits, Map<String, Evidence> evidence, long candidates, long visited) {
    }

    /**
     * @param named  the labels the query names and their weight
     * @param search the embedding's ranking of the query among the images that pass a filter, so many deep
     * @param n      how many hits to return
     * @param depth  how deep the embedding's ranking is read ({@link #depth}, or deeper)
     * @param filter the request's filter; when it already asks for labels, the candidates come from it alone
     */
    Ranked rank(NamedLabels named, BiFunction<ImageFilter, Integer, ExpressionSearch.Ranked> search, int n, int depth,
                ImageFilter filter) {
        ExpressionSearch.Ranked semantic = search.apply(filter, depth);
        Map<String, Hit> candidates = new LinkedHashMap<>();
        semantic.hits().forEach(h -> candidates.put(h.id(), h));
        long found = semantic.candidates();
        long visited = semantic.visited();
        if (filter.anyLabel() == null) {
            ExpressionSearch.Ranked labelled = search.apply(filter.withLabels(named.labels(), 0f),
                    Math.min(depth, 2 * n));
            labelled.hits().forEach(h -> candidates.putIfAbsent(h.id(), h));
            found += labelled.candidates();
            visited += labelled.visited();
        }
        Map<String, Map<String, Float>> probabilities = candidates.isEmpty() ? Map.of()
                : index.modelLabels(candidates.keySet(), Set.copyOf(named.labels()));
        List<Hit> fused = new ArrayList<>(candidates.size());
        Map<String, Evidence> evidence = new HashMap<>();
        for (Hit h : candidates.values()) {
            Map<String, Float> p = probabilities.getOrDefault(h.id(), Map.of());
            fused.add(new Hit(h.image(), named.score(h.score(), p)));
            evidence.put(h.id(), new Evidence(h.score(), named.probability(p)));
        }
        fused.sort(Comparator.comparingDouble(Hit::score).reversed());
        List<Hit> page = List.copyOf(fused.subList(0, Math.min(n, fused.size())));
        Map<String, Evidence> signals = new HashMap<>();
        page.forEach(h -> signals.put(h.id(), evidence.get(h.id())));
        return new Ranked(page, signals, found, visited);
    }

    /** How deep the embedding's ranking is read for a page of {@code n}: twice the page, at least {@link #MIN_DEPTH}. */
    static int depth(int n) {
        return Math.max(2 * n, MIN_DEPTH);
    }
}
