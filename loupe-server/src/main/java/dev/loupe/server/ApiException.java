package dev.loupe.server;

/**
 * A request the server refuses, with the HTTP status to answer and a message that says what was wrong and what to
 * do. Rendered as {@code {"error": message, "status": status}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
