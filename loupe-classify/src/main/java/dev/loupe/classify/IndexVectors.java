package dev.loupe.classify;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** The vectors of indexed images in the spaces a classifier's features read. */
final class IndexVectors {
    private IndexVectors() {
    }

    /** Streams every indexed image with its vectors in {@code spaces}, one pass over the index. */
    static void forEach(ImageIndex index, List<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
        index.forEach(ImageFilter.NONE, Set.copyOf(spaces), visitor);
    }

    /** One image's vectors in the given spaces, or null when it is not indexed. */
    static ImageVectors of(ImageIndex index, String id, List<String> spaces) {
        return index.vectors(id).orElse(null);
    }
}
