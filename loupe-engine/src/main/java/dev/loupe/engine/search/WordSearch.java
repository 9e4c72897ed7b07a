package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.NamedLabels;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.TextHit;
import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The words' side of a text query: the index's text search alone ({@link #text}), or fused with the embedding's
 * ranking ({@link #hybrid}). In a hybrid search every candidate — the embedding's top and the words' top — is scored
 * by both signals: its cosine is computed exactly even when it came from the words only.
 */
final class WordSearch {
    /** How deep each list is read before fusing: a page of n takes max(n, this) from each side. */
    static final int DEPTH = 100;

    private final ImageIndex index;
    private final Fusion fusion;

    WordSearch(ImageIndex index, Fusion fusion) {
        this.index = index;
        this.fusion = fusion;
    }

    /**
     * A ranked list with why each hit matched the words and, in a hybrid search, each hit's two signals (by id):
     * its cosine with the query and its words' score (0..1; 0 when its words did not match).
     */
    record Ranked(List<Hit> hits, Map<String, List<TextMatch>> matches, Map<String, Evidence> evidence,
                  long candidates, long visited) {
    }

    /** Whether any image that passes the filter (and is not excluded) matches the words. */
    boolean anyMatch(TextQuery q, ImageFilter filter, Predicate<ImageRecord> excluded) {
        try {
            return index.searchText(q, 16, filter).stream().anyMatch(t -> !excluded.test(t.image()));
        } catch (UnsupportedOperationException e) {
            return false; // a backend without text fields: the embedding ranks alone
        }
    }

    Ranked text(TextQuery q, int n, ImageFilter filter, Predicate<ImageRecord> excluded) {
        List<Hit> hits = new ArrayList<>();
        Map<String, List<TextMatch>> matches = new HashMap<>();
        List<TextHit> found = index.searchText(q, n + 16, filter);
        for (TextHit t : found) {
            if (!excluded.test(t.image()) && hits.size() < n) {
                hits.add(new Hit(t.image(), t.score()));
                matches.put(t.id(), t.matches());
            }
        }
        return new Ranked(hits, matches, Map.of(), found.size(), 0);
    }

    /**
     * Fuses the embedding's ranking {@code semantic} (at least {@link #DEPTH} deep when the index has that many)
     * with the words' ranking. With a quoted phrase only images that have it are answers. When the query names
     * labels of the model ({@code named}, else null), {@code semantic} is already ranked by cosine and their
     * probability ({@link LabelSearch}), and an image that only the words found is scored the same way.
     */
    Ranked hybrid(TextQuery q, LabelSearch.Ranked semantic, NamedLabels named, ResolvedQuery query, String space,
                  int n, ImageFilter filter, Predicate<ImageRecord> excluded) {
        int depth = Math.max(n, DEPTH);
        List<TextHit> words = index.searchText(q, depth, filter).stream().filter(t -> !excluded.test(t.image()))
                .toList();
        Map<String, Float> embedding = new HashMap<>();
        Map<String, Evidence> signals = new HashMap<>(semantic.evidence());
        Map<String, Integer> semanticRank = new HashMap<>();
        Map<String, ImageRecord> records = new LinkedHashMap<>();
        List<Hit> sem = semantic.hits();
        for (int i = 0; i < sem.size(); i++) {
            Hit h = sem.get(i);
            embedding.put(h.id(), h.score());
            signals.putIfAbsent(h.id(), new Evidence(h.score(), 0f));
            semanticRank.put(h.id(), i);
            if (!q.hasRequired()) {
                records.put(h.id(), h.image());
            }
        }
        Map<String, Float> textScore = new HashMap<>();
        Map<String, Integer> textRank = new HashMap<>();
        Map<String, List<TextMatch>> matches = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            TextHit t = words.get(i);
            textScore.put(t.id(), t.score());
            textRank.put(t.id(), i);
            matches.put(t.id(), t.matches());
            records.putIfAbsent(t.id(), t.image());
        }
        scoreUnranked(records.keySet().stream().filter(id -> !embedding.containsKey(id)).toList(), named, query,
                space, embedding, signals);
        List<Hit> fused = new ArrayList<>(records.size());
        Map<String, Evidence> evidence = new HashMap<>();
        for (ImageRecord r : records.values()) {
            Float score = embedding.get(r.id());
            if (score == null) {
                continue; // deleted meanwhile
            }
            float text = textScore.getOrDefault(r.id(), 0f);
            fused.add(new Hit(r, switch (fusion.kind()) {
                case WEIGHTED -> score + fusion.weight() * text;
                case RRF -> rrf(semanticRank.get(r.id())) + rrf(textRank.get(r.id()));
            }));
            Evidence e = signals.get(r.id());
            evidence.put(r.id(), new Evidence(e.cosine(), Math.max(e.match(), text)));
        }
        fused.sort(Comparator.comparingDouble(Hit::score).reversed());
        List<Hit> page = List.copyOf(fused.subList(0, Math.min(n, fused.size())));
        Map<String, List<TextMatch>> why = new HashMap<>();
        Map<String, Evidence> pageSignals = new HashMap<>();
        page.forEach(h -> {
            if (matches.containsKey(h.id())) {
                why.put(h.id(), matches.get(h.id()));
            }
            pageSignals.put(h.id(), evidence.get(h.id()));
        });
        return new Ranked(page, why, pageSignals, semantic.candidates() + words.size(), semantic.visited());
    }

    /**
     * Scores the words' hits that the embedding's ranking did not rank, their vectors (and label probabilities)
     * read in one batch: into {@code embedding} their embedding score, into {@code signals} their cosine and
     * probability.
     */
    private void scoreUnranked(List<String> ids, NamedLabels named, ResolvedQuery query, String space,
                               Map<String, Float> embedding, Map<String, Evidence> signals) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, ImageVectors> vectors = index.vectors(ids, Set.of(space));
        Map<String, Map<String, Float>> probabilities = named == null ? Map.of()
                : index.modelLabels(ids, Set.copyOf(named.labels()));
        vectors.forEach((id, v) -> {
            float cos = query.score(v.get(space));
            Map<String, Float> p = probabilities.getOrDefault(id, Map.of());
            embedding.put(id, named == null ? cos : named.score(cos, p));
            signals.put(id, new Evidence(cos, named == null ? 0f : named.probability(p)));
        });
    }

    private float rrf(Integer rank) {
        return rank == null ? 0f : 1f / (fusion.weight() + rank + 1);
    }
}
