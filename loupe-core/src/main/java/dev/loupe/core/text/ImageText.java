package dev.loupe.core.text;

import java.util.Objects;

/**
 * The words in and around one image that text search reads (see {@link TextField}).
 *
 * @param name     words of the file and folder names
 * @param metadata title, description, keywords, subjects and person tags, one per line
 * @param ocr      text recognised in the pixels ("" when none was found or OCR has not run)
 * @param ocrState whether OCR has read the image
 * @param ocrNote  why OCR failed or was skipped, else ""
 * @param sidecar  what was read besides the image: the XMP sidecar files' names, sizes and times, "" when there were
 *                 none; null when the name and metadata have not been read yet ({@link #UNREAD}: e.g. after an
 *                 index format upgrade), so the indexer reads them again when this differs from what is on disk now
 */
public record ImageText(String name, String metadata, String ocr, OcrState ocrState, String ocrNote, String sidecar) {
    /** Nothing read yet: the next index run reads the names and metadata, the next OCR pass the pixels. */
    public static final ImageText UNREAD = new ImageText("", "", "", OcrState.PENDING, "", null);

    public ImageText {
        name = Objects.requireNonNullElse(name, "");
        metadata = Objects.requireNonNullElse(metadata, "");
        ocr = Objects.requireNonNullElse(ocr, "");
        Objects.requireNonNull(ocrState, "ocrState");
        ocrNote = Objects.requireNonNullElse(ocrNote, "");
    }

    /** Names and metadata just read; OCR still to come. */
    public static ImageText read(String name, String metadata, String sidecar) {
        return new ImageText(name, metadata, "", OcrState.PENDING, "", Objects.requireNonNull(sidecar, "sidecar"));
    }

    /** Whether the names and metadata have been read. */
    public boolean isRead() {
        return sidecar != null;
    }

    /** This text with the outcome of OCR. */
    public ImageText withOcr(OcrState state, String text, String note) {
        return new ImageText(name, metadata, text, state, note, sidecar);
    }

    /** This text with newly read names and metadata, keeping the OCR outcome. */
    public ImageText withNames(String newName, String newMetadata, String newSidecar) {
        return new ImageText(newName, newMetadata, ocr, ocrState, ocrNote, Objects.requireNonNull(newSidecar, "sidecar"));
    }

    /** The stored text of one field ("" for {@link TextField#LABEL}, which the index keeps apart). */
    public String get(TextField field) {
        return switch (field) {
            case NAME -> name;
            case METADATA -> metadata;
            case OCR -> ocr;
            case LABEL -> "";
        };
    }
}
