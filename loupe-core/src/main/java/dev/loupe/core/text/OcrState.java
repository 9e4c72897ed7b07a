package dev.loupe.core.text;

import java.util.Locale;

/** Where an image stands in the OCR pass. */
public enum OcrState {
    /** Not read yet: the next OCR pass reads it (a killed pass resumes here). */
    PENDING,
    /** Read; the text may be empty when none was found. */
    DONE,
    /** Not read because the quick text test found nothing that looks like text. */
    NO_TEXT,
    /** Reading failed (crash, time-out, unreadable file); the reason is kept, and it is not retried by itself. */
    FAILED;

    /** {@code pending}, {@code done}, {@code no-text}, {@code failed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OcrState ofKey(String key) {
        for (OcrState s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown OCR state '" + key + "'");
    }
}
