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

    /** What happened to one file: added, updated, moved or copied (vectors reused), removed or skipped. */
    default void changed(FileChange change) {
    }

    /** Changes so far were committed; a crash from here on loses nothing before this point. */
    default void committed(int documents) {
    }

    /** The OCR pass, after the embedding pass, starts on {@code images} images that wait for it. */
    default void ocrStarted(int images) {
    }

    /** OCR is done with one more image (read, skipped by the quick test, or failed). */
    default void ocrAdvanced(String path) {
    }
}
