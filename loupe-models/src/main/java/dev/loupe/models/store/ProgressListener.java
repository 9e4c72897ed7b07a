package dev.loupe.models.store;

/**
 * Receives download (or copy) progress of a model file, e.g. to draw a progress bar. Called from the installing
 * thread after each chunk; implementations should be quick.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (fileName, bytesDone, bytesTotal) -> {
    };

    /**
     * @param fileName   the model file being fetched
     * @param bytesDone  bytes present so far (a resumed download starts at the size already on disk)
     * @param bytesTotal the file size, or -1 if neither the descriptor nor the server says
     */
    void onProgress(String fileName, long bytesDone, long bytesTotal);
}
