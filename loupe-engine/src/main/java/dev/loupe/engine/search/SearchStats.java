package dev.loupe.engine.search;

/**
 * How a search was answered.
 *
 * @param plan       the planner's choice: {@code exact} (every image that passes the filter scored), {@code probes}
 *                   (HNSW candidates re-scored exactly), {@code blend-exact} or {@code blend-probes} (an image
 *                   query scored on the visual and the semantic space together), {@code head-…} (a trained head),
 *                   {@code hybrid-…} (the embedding fused with the words), {@code text} (the words alone); prefixed
 *                   {@code labels-} when a text names labels of the model ranked by cosine and their probability
 * @param candidates images scored exactly
 * @param visited    vectors the index compared while finding candidates (0 for an exact scan)
 * @param filtered   images that pass the filter (the whole index when there is none)
 * @param millis     wall time of the search, query encoding included
 */
public record SearchStats(String plan, long candidates, long visited, long filtered, double millis) {
    public boolean exact() {
        return plan.endsWith("exact");
    }
}
