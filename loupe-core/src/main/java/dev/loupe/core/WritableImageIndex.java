package dev.loupe.core;

import dev.loupe.core.text.ImageText;

import java.util.Map;

/**
 * The write side of a vector index. Only an index opened for writing has this type, so a read-only index cannot be
 * asked to write at run time.
 */
public interface WritableImageIndex extends ImageIndex {
    /** Adds or replaces the document for {@code image.path()}, with its words not read yet ({@link ImageText#UNREAD}). */
    default void upsert(ImageRecord image, ImageVectors vectors) {
        upsert(image, vectors, ImageText.UNREAD);
    }

    /** Adds or replaces the document for {@code image.path()} with these words (stored as given). */
    void upsert(ImageRecord image, ImageVectors vectors, ImageText text);

    /**
     * Replaces the words of one indexed image (e.g. with the OCR pass's text); its record, vectors and labels stay.
     * Visible after {@link #commit}.
     *
     * @throws IllegalArgumentException when there is no image with this id
     */
    void setText(String id, ImageText text);

    /** Removes the document for this path, if any. */
    void delete(String path);

    /**
     * Replaces the labels of one image with {@code labelConfidences} (label → confidence 0..1; empty removes them
     * all). Labels are filterable ({@link ImageFilter#anyLabel()}). They stay with the image while its content is
     * unchanged, also when {@link #upsert} rewrites its record (e.g. after a touch); an upsert with a different
     * content hash drops them, because they were predicted from the old pixels. Visible after {@link #commit}.
     *
     * @throws IllegalArgumentException when there is no image with this id or a label or confidence is invalid
     */
    void setLabels(String id, Map<String, Float> labelConfidences);

    /** Makes all changes durable; a crash after this loses nothing written before it. */
    void commit();
}
