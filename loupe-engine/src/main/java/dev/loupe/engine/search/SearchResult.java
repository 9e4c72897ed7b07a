package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.text.TextMatch;

import java.util.List;
import java.util.Map;

/**
 * A page of hits and what it cost.
 *
 * @param hits    the page, best first
 * @param more    whether hits follow this page
 * @param query   the query as it was understood (its canonical text form)
 * @param measure the measure that ranked the hits ({@code sum}, {@code diff}, or {@code cosine} for plain queries)
 * @param stats   how the planner answered it
 * @param matches why hits matched the query's words, by image id (fields and highlighted words); hits that matched
 *                by the embedding alone have none
 */
public record SearchResult(List<Hit> hits, boolean more, String query, String measure, SearchStats stats,
                           Map<String, List<TextMatch>> matches) {
    public SearchResult {
        hits = List.copyOf(hits);
        matches = matches == null ? Map.of() : Map.copyOf(matches);
    }

    public SearchResult(List<Hit> hits, boolean more, String query, String measure, SearchStats stats) {
        this(hits, more, query, measure, stats, Map.of());
    }

    /** Why {@code id} matched the words, or none. */
    public List<TextMatch> matchesOf(String id) {
        return matches.getOrDefault(id, List.of());
    }
}
