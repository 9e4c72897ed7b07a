package dev.loupe.engine;

/** Callbacks from a running index job, e.g. to draw a progress bar. Called from the indexing thread. */
public interface IndexProgress {
    IndexProgress NONE = new IndexProgress() {
    };

    /** The scan found {@code files} image files to look at. */
    default void started(int files) {
    }

    /**
     * Of the files found, {@code unchanged} need no work (size and modification time as indexed). Reported once,
     * right after {@link #started}, so that a resumed run's speed counts only the files it works on.
     */
    default void resumed(int unchanged) {
    }

    /** One more file is done (indexed or skipped); unchanged files are reported by {@link #resumed}. */
    default void advanced(String path) {
    }

    /** Changes so far were committed; a crash from here on loses nothing before this point. */
    default void committed(int documents) {
    }
}
