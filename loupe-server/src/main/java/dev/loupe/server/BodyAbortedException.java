package dev.loupe.server;

/**
 * A request body that stopped arriving: the client closed the connection, went silent past the read timeout or
 * sent too slowly. The client is usually gone, so the server logs one WARN line (no stack trace) and answers with
 * {@link #status()} in case it is still listening.
 */
final class BodyAbortedException extends RuntimeException {
    private final int status;

    BodyAbortedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
