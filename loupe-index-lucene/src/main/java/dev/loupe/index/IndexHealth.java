package dev.loupe.index;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link IndexCheck} found in an index folder.
 *
 * @param dir      the index folder
 * @param state    whether there is an index and whether it is sound
 * @param model    the model fingerprint the commit records, or null when unreadable
 * @param spaces   the vector spaces the commit records ({@code name:dimension,...}), or null when unreadable
 * @param images   live documents, or -1 when they cannot be counted
 * @param segments what was found per segment (empty when the commit cannot be read)
 * @param problems what is wrong, at most {@link #MAX_LISTED} listed
 * @param damagedImages how many images have a problem of their own (a bad vector, missing fields)
 */
public record IndexHealth(Path dir, State state, String model, String spaces, int images, List<Segment> segments,
                          List<Problem> problems, int damagedImages) {
    /** Problems listed one by one; beyond this only counted. */
    public static final int MAX_LISTED = 100;

    public IndexHealth {
        segments = List.copyOf(segments);
        problems = List.copyOf(problems);
    }

    public enum State {
        /** No index in the folder (nothing to check). */
        MISSING,
        /** Lucene's checks (every file's checksum, every structure) and Loupe's own pass. */
        HEALTHY,
        /** Something is wrong; {@link #problems} says what. */
        DAMAGED
    }

    /**
     * One segment: a part of the index with its own files.
     *
     * @param ok false when Lucene found its files damaged or Loupe found a document in it damaged
     */
    public record Segment(String name, int documents, boolean ok) {
    }

    /**
     * One thing that is wrong.
     *
     * @param segment the segment it concerns, or null for the whole index (the commit)
     * @param file    the file to blame (a name inside the index folder), or null
     * @param image   the image it concerns (its path), or null
     * @param message what is wrong
     */
    public record Problem(String segment, String file, String image, String message) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (segment != null) {
                b.append("segment ").append(segment).append(": ");
            }
            if (file != null) {
                b.append(file).append(": ");
            }
            if (image != null) {
                b.append("image ").append(image).append(": ");
            }
            return b.append(message).toString();
        }
    }

    public boolean damaged() {
        return state == State.DAMAGED;
    }
}
