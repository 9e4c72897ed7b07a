package dev.loupe.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rules for the labels an index stores per image (see {@link WritableImageIndex#setLabels}): a label is a non-blank name
 * of at most {@link #MAX_LENGTH} characters without control characters or surrounding spaces, and its confidence
 * is a number from 0 to 1.
 */
public final class Labels {
    public static final int MAX_LENGTH = 100;

    private Labels() {
    }

    /** Returns {@code label} or throws with a message that names it and says what is allowed. */
    public static String check(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a label must not be empty");
        }
        if (label.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("label '" + label.substring(0, 20) + "…' is longer than "
                    + MAX_LENGTH + " characters; use a shorter name");
        }
        if (!label.strip().equals(label) || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("label '" + label + "' has surrounding spaces or control characters; "
                    + "rename it");
        }
        return label;
    }

    /** A checked, insertion-ordered copy of label → confidence. */
    public static Map<String, Float> checkAll(Map<String, Float> labelConfidences) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (Map.Entry<String, Float> e : labelConfidences.entrySet()) {
            Float c = e.getValue();
            if (c == null || !(c >= 0f && c <= 1f)) {
                throw new IllegalArgumentException("confidence of label '" + e.getKey()
                        + "' must be between 0 and 1, got " + c);
            }
            out.put(check(e.getKey()), c + 0f); // + 0f turns -0.0 into 0.0
        }
        return out;
    }

    /**
     * All labels of an image as a filter sees them: the labels set on it and those its model read off it, the
     * higher confidence where both carry a label.
     */
    public static Map<String, Float> merge(Map<String, Float> own, Map<String, Float> model) {
        Map<String, Float> out = new LinkedHashMap<>(own);
        model.forEach((label, p) -> out.merge(label, p, Math::max));
        return out;
    }
}
