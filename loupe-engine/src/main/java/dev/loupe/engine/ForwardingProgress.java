package dev.loupe.engine;

/** Passes every callback of an index run on to {@link #target()}: the base of listeners that wrap another. */
public abstract class ForwardingProgress implements IndexProgress {
    /** Where the callbacks go (may change between calls, e.g. a progress bar during the first run only). */
    protected abstract IndexProgress target();

    @Override
    public void started(int files) {
        target().started(files);
    }

    @Override
    public void resumed(int unchanged) {
        target().resumed(unchanged);
    }

    @Override
    public void advanced(String path) {
        target().advanced(path);
    }

    @Override
    public void changed(FileChange change) {
        target().changed(change);
    }

    @Override
    public void committed(int documents) {
        target().committed(documents);
    }

    @Override
    public void ocrStarted(int images) {
        target().ocrStarted(images);
    }

    @Override
    public void ocrAdvanced(String path) {
        target().ocrAdvanced(path);
    }
}
