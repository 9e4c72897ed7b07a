package dev.loupe.index;

/** The index on disk was built by another model, model version or vector layout than the one asked for. */
public final class IndexMismatchException extends IllegalStateException {
    public IndexMismatchException(String message) {
        super(message);
    }
}
