package dev.loupe.classify;

/** Receives progress of a long task (training, labelling, embedding), e.g. to draw a progress bar. */
public interface Progress {
    /** Ignores progress. */
    Progress NONE = new Progress() {
        @Override
        public void started(String task, long total) {
        }

        @Override
        public void advanced(long steps) {
        }

        @Override
        public void finished() {
        }
    };

    void started(String task, long total);

    /** {@code steps} more units done; may be called from several threads. */
    void advanced(long steps);

    void finished();
}
