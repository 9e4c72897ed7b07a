package dev.loupe.models.store;

import java.io.IOException;

/**
 * A model file could not be installed. The message says what happened and what to do; {@link #kind()} lets
 * callers (the CLI) react to the cause.
 */
public class ModelStoreException extends IOException {
    /** Why an install failed. */
    public enum Kind {
        /** The server or directory has no such file (HTTP 404/410, missing file: URI). */
        NOT_FOUND,
        /** The bytes obtained do not have the descriptor's SHA-256. */
        CHECKSUM_MISMATCH,
        /** The host could not be reached: offline, DNS failure, connection refused or timed out. */
        NO_NETWORK,
        /** The disk holding the cache is full. */
        DISK_FULL,
        /** LOUPE_MODEL_MIRROR names a directory that does not hold the file. */
        MIRROR_MISSING,
        /** The server answered with another error status, or the transfer kept failing. */
        TRANSFER_FAILED,
        /** A derived file's transform failed. */
        TRANSFORM_FAILED
    }

    private final Kind kind;

    public ModelStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
