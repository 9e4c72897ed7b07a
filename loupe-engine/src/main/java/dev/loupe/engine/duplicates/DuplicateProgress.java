package dev.loupe.engine.duplicates;

/** Told about the pair search as it goes (the CLI draws a bar on stderr). */
public interface DuplicateProgress {
    DuplicateProgress NONE = new DuplicateProgress() {
    };

    /** The search will look up the neighbours of this many images. */
    default void started(int images) {
    }

    /** The neighbours of one more image were looked up. */
    default void advanced() {
    }
}
