package dev.loupe.core;

/**
 * The index (a folder, a SolrCloud collection) was built by another model, model version or vector layout than the
 * one asked for. Every {@link IndexBackend} throws this on open, so the session can add the {@code --model} hint.
 */
public final class IndexMismatchException extends IllegalStateException {
    public IndexMismatchException(String message) {
        super(message);
    }
}
