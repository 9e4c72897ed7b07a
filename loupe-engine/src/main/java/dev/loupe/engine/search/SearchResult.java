package dev.loupe.engine.search;

import dev.loupe.core.Hit;

import java.util.List;

/**
 * A page of hits and what it cost.
 *
 * @param hits    the page, best first
 * @param more    whether hits follow this page
 * @param query   the query as it was understood (its canonical text form)
 * @param measure the measure that ranked the hits ({@code sum}, {@code diff}, or {@code cosine} for plain queries)
 * @param stats   how the planner answered it
 */
public record SearchResult(List<Hit> hits, boolean more, String query, String measure, SearchStats stats) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
