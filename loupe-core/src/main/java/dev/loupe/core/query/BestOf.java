package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The k best items of a stream scored one at a time — a scan that scores each image as it passes and keeps no
 * vectors ({@code ImageIndex.scan}). Ask {@link #competitive} first: an item that cannot enter costs one comparison,
 * and only items that can need to be materialised (e.g. their records read). Ties rank the earlier item first, as
 * {@link ExactScanner} ranks the lower ordinal first. Not thread-safe; one per scan.
 */
public final class BestOf<T> {
    private final TopK top;
    private final List<T> offered = new ArrayList<>();

    public BestOf(int k) {
        this.top = new TopK(k);
    }

    /** One kept item and its score. */
    public record Scored<T>(T item, float score) {
    }

    /** True when an item with this score, offered now, would be kept (for now). */
    public boolean competitive(float score) {
        return top.competitive(score);
    }

    /** Offers an item; NaN scores are never kept. */
    public void offer(T item, float score) {
        if (top.competitive(score)) {
            offered.add(item);
            top.offer(offered.size() - 1, score);
        }
    }

    /** The kept items, best first. */
    public List<Scored<T>> results() {
        return top.results().stream().map(s -> new Scored<>(offered.get(s.ordinal()), s.score())).toList();
    }
}
