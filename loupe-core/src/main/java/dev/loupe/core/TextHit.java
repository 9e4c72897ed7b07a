package dev.loupe.core;

import dev.loupe.core.text.TextMatch;

import java.util.List;
import java.util.Objects;

/**
 * One answer of a text search.
 *
 * @param image   the image
 * @param score   how well its words match, calibrated to 0..1 (see {@link ImageIndex#searchText})
 * @param matches the fields that matched, with the matched words highlighted
 */
public record TextHit(ImageRecord image, float score, List<TextMatch> matches) {
    public TextHit {
        Objects.requireNonNull(image, "image");
        matches = List.copyOf(matches);
    }

    public String id() {
        return image.id();
    }
}
