package dev.loupe.engine.search;

import java.util.Locale;

/** Which signals rank a text query. */
public enum SearchMode {
    /** The embedding only: what the photo shows. */
    SEMANTIC,
    /** The words only (BM25 over names, metadata, OCR text and labels): what is written in and around it. */
    TEXT,
    /** Both, fused ({@link Fusion}); the default. */
    HYBRID;

    public static final SearchMode DEFAULT = HYBRID;

    /** {@code semantic}, {@code text}, {@code hybrid}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a mode name; the message names {@code what} (the option or field) and the choices. */
    public static SearchMode parse(String value, String what) {
        for (SearchMode m : values()) {
            if (m.key().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException(what + " must be semantic, text or hybrid, got '" + value + "'");
    }
}
