package dev.loupe.engine;

/** Callbacks from a running index job, e.g. to draw a progress bar. Called from the indexing thread. */
public interface IndexProgress {
    IndexProgress NONE = new IndexProgress() {
    };

    /** The scan found {@code files} image files to look at. */
    default void started(int files) {
    }

    /** One more file is done (indexed, unchanged or skipped). */
    default void advanced(String path) {
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
