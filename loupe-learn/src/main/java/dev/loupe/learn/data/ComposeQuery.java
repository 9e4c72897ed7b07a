package dev.loupe.learn.data;

/**
 * One composed-retrieval example: the reference image, the modification text and the image it should lead to
 * (indices into a {@link ComposeData}'s image bank).
 *
 * @param kind    what the text does, e.g. {@code add}, {@code remove}, {@code change}, {@code recolor}
 * @param removed the caption phrase the modification takes away (e.g. {@code red}), empty if none; used by the
 *                analogy measures (the "subtract" term)
 * @param added   the caption phrase it brings (e.g. {@code blue}), empty if none (the "add" term)
 */
public record ComposeQuery(int source, String text, int target, String kind, String removed, String added) {
    public ComposeQuery {
        removed = removed == null ? "" : removed;
        added = added == null ? "" : added;
    }
}
