package dev.loupe.core;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Restricts a nearest-neighbour query to some images, e.g. {@code loupe search "beach" --label holiday}.
 * An image passes when it satisfies every part that is set:
 * <ul>
 *   <li>{@code anyLabel}: it carries at least one of these labels (see {@link ImageIndex#setLabels}) with a
 *       confidence of at least {@code minConfidence};</li>
 *   <li>{@code anyId}: its id is one of these (the engine's kNN classifier uses it to search only among the
 *       labelled examples).</li>
 * </ul>
 * A part that is {@code null} does not restrict; {@link #NONE} lets everything pass.
 *
 * @param anyLabel      labels of which an image must carry one, or null for no label restriction
 * @param minConfidence the least confidence a label must have to count, 0..1 (0 counts every stored label)
 * @param anyId         image ids of which an image must be one, or null for no id restriction
 */
public record ImageFilter(Set<String> anyLabel, float minConfidence, Set<String> anyId) {
    /** Lets every image pass. */
    public static final ImageFilter NONE = new ImageFilter(null, 0f, null);

    public ImageFilter {
        anyLabel = anyLabel == null ? null : Set.copyOf(anyLabel);
        anyId = anyId == null ? null : Set.copyOf(anyId);
        if (anyLabel != null) {
            anyLabel.forEach(Labels::check);
        }
        if (!(minConfidence >= 0f && minConfidence <= 1f)) {
            throw new IllegalArgumentException("label confidence must be between 0 and 1, got " + minConfidence);
        }
    }

    /** Images carrying at least one of {@code labels} (any confidence). */
    public static ImageFilter withLabel(String... labels) {
        return new ImageFilter(Set.of(labels), 0f, null);
    }

    /** Images carrying at least one of {@code labels} with at least {@code minConfidence}. */
    public static ImageFilter withLabel(Collection<String> labels, float minConfidence) {
        return new ImageFilter(Set.copyOf(labels), minConfidence, null);
    }

    /** Only these images. */
    public static ImageFilter withIds(Collection<String> ids) {
        return new ImageFilter(null, 0f, Set.copyOf(ids));
    }

    /** True when this filter lets every image pass. */
    public boolean isNone() {
        return anyLabel == null && anyId == null;
    }

    /** Whether an image with this id and these labels passes; the reference semantics of every index. */
    public boolean test(String id, Map<String, Float> labels) {
        Objects.requireNonNull(id, "id");
        if (anyId != null && !anyId.contains(id)) {
            return false;
        }
        if (anyLabel == null) {
            return true;
        }
        for (String l : anyLabel) {
            Float c = labels.get(l);
            if (c != null && c >= minConfidence) {
                return true;
            }
        }
        return false;
    }
}
