package dev.loupe.engine.duplicates;

import dev.loupe.core.ImageRecord;

import java.util.List;

/**
 * One group of images that show the same picture (or, for {@link Kind#SIMILAR}, the same scene).
 *
 * @param kind    what the group is
 * @param keeper  the image suggested to keep
 * @param reason  why that one, in words ("largest: 4000x3000 px against 1600x1200")
 * @param others  the rest, each with how it relates to the keeper
 */
public record DuplicateGroup(Kind kind, ImageRecord keeper, String reason, List<Member> others) {
    public DuplicateGroup {
        others = List.copyOf(others);
    }

    /** What a group holds. */
    public enum Kind {
        /** byte-identical files (same SHA-256) */
        EXACT,
        /** the same picture re-encoded, resized, rotated, lightly cropped or colour-adjusted (exact copies too) */
        NEAR,
        /** different pictures of the same scene (bursts, a moment later): never moved unless asked */
        SIMILAR;

        /** The word used in output: exact, near-duplicate, similar. */
        public String word() {
            return switch (this) {
                case EXACT -> "exact";
                case NEAR -> "near-duplicate";
                case SIMILAR -> "similar";
            };
        }
    }

    /**
     * An image of the group that is not the keeper.
     *
     * @param image    its record
     * @param relation "exact copy", or "near-duplicate"/"similar" with the evidence (cosine, hash distance)
     * @param cosine   visual cosine with the keeper (1 for an exact copy)
     */
    public record Member(ImageRecord image, String relation, float cosine) {
    }

    /** Every image of the group, the keeper first. */
    public List<ImageRecord> images() {
        List<ImageRecord> all = new java.util.ArrayList<>();
        all.add(keeper);
        others.forEach(m -> all.add(m.image()));
        return all;
    }
}
