package dev.loupe.core.text;

import java.util.Locale;

/**
 * The text fields of an image that text search reads, by their portable names. {@link #LABEL} is the labels of
 * {@code loupe classify apply} (stored by {@link dev.loupe.core.WritableImageIndex#setLabels}), the others are parts
 * of {@link ImageText}.
 */
public enum TextField {
    /** Words of the file name and of the folders above it ({@code passport-scan.jpg} → passport scan). */
    NAME,
    /** EXIF/IPTC/XMP title, description, keywords, subjects and person tags, from the file and its XMP sidecar. */
    METADATA,
    /** Text recognised in the pixels (Tesseract). */
    OCR,
    /** A label given by {@code loupe classify apply}. */
    LABEL;

    /** The field's name in indexes, JSON and messages: {@code name}, {@code metadata}, {@code ocr}, {@code label}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
