package dev.loupe.engine.search;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Relevance;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The order of a page of hits: by relevance (the query's ranking, the default) or by date — the EXIF capture date,
 * else the file's modification time ({@link ImageFilter#dateOf}) — newest or oldest first.
 * <p>
 * A date order sorts the <em>relevant</em> hits of the query, not the whole collection: the {@link #DATE_POOL} best
 * hits by relevance, less those whose calibrated relevance (plain text queries) is under
 * {@link Relevance#DEFAULT_CUTOFF}. Paging walks that pool; it ends with it.
 */
public enum SortOrder {
    /** The query's own ranking, best first. */
    RELEVANCE("relevance"),
    /** Newest first, among the relevant hits. */
    DATE("date"),
    /** Oldest first, among the relevant hits. */
    DATE_ASC("date-asc");

    /** How many of the best hits a date order sorts. */
    public static final int DATE_POOL = 200;

    private final String key;

    SortOrder(String key) {
        this.key = key;
    }

    /** {@code relevance}, {@code date}, {@code date-asc}. */
    public String key() {
        return key;
    }

    public boolean byDate() {
        return this != RELEVANCE;
    }

    /** Parses an order's key (null: relevance); the message names {@code what} (the option or field). */
    public static SortOrder parse(String value, String what) {
        if (value == null) {
            return RELEVANCE;
        }
        for (SortOrder s : values()) {
            if (s.key.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(what + " must be relevance, date (newest first) or date-asc (oldest "
                + "first), got '" + value + "'");
    }

    /**
     * The pool in this date order: hits with a relevance under the default cut-off are left out, the rest are
     * ordered by date (ties: the better score first).
     */
    List<Hit> order(List<Hit> pool) {
        Comparator<Hit> byDate = Comparator.comparingLong(h -> ImageFilter.dateOf(h.image()));
        Comparator<Hit> c = (this == DATE ? byDate.reversed() : byDate)
                .thenComparing(Comparator.comparingDouble(Hit::score).reversed());
        return pool.stream().filter(h -> h.relevance() == null || h.relevance() >= Relevance.DEFAULT_CUTOFF)
                .sorted(c).toList();
    }
}
