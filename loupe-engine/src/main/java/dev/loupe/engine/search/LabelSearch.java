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
import java.util.function.Function;

/**
 * Ranks a plain text query that names labels of the model ("an animal", "a dog"; {@link NamedLabels}) by its
 * cosine plus the weighted probability the model stored of those labels for each image — the class hierarchy's
 * probability as a second signal beside the embedding (docs/quality.md, "Class hierarchy"). The candidates are the
 * embedding's ranking, at least {@link #DEPTH} deep, and the same query among the images that carry one of the
 * named labels (a filter pushed into the index), so that an image the model is sure of is found even when its
 * cosine alone would rank it below the depth; their probabilities are read in one batch
 * ({@link ImageIndex#modelLabels}).
 */
final class LabelSearch {
    /** How deep the embedding's ranking is read before the second signal re-ranks it. */
    static final int DEPTH = 100;

    private final ImageIndex index;

    LabelSearch(ImageIndex index) {
        this.index = index;
    }

    /** The re-ranked hits with each hit's two signals (by id). */
    record Ranked(List<Hit> hits, Map<String, Evidence> evidence, long candidates, long visited) {
    }

    /**
     * @param named  the labels the query names and their weight
     * @param search the embedding's ranking of the query among the images that pass a filter, {@code depth} deep
     * @param n      how many hits to return
     * @param filter the request's filter; when it already asks for labels, the candidates come from it alone
     */
    Ranked rank(NamedLabels named, Function<ImageFilter, ExpressionSearch.Ranked> search, int n,
                ImageFilter filter) {
        ExpressionSearch.Ranked semantic = search.apply(filter);
        Map<String, Hit> candidates = new LinkedHashMap<>();
        semantic.hits().forEach(h -> candidates.put(h.id(), h));
        long found = semantic.candidates();
        long visited = semantic.visited();
        if (filter.anyLabel() == null) {
            ExpressionSearch.Ranked labelled = search.apply(filter.withLabels(named.labels(), 0f));
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

    /** How deep each ranking is read for a page of {@code n}. */
    static int depth(int n) {
        return Math.max(n, DEPTH);
    }
}
