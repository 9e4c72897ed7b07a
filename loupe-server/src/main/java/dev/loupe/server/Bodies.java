package dev.loupe.server;

import io.javalin.http.Context;
import org.eclipse.jetty.http.BadMessageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads request bodies with a size limit (413 beyond it) and checks their declared type (415). Nothing is ever
 * allocated from the size a client declares: bodies grow with what really arrives, and uploads go to a file. A
 * body that stops arriving (the client closed the connection, went silent past the read timeout, or trickled
 * below the minimum rate) ends the request with a {@link BodyAbortedException}.
 */
final class Bodies {
    /** JSON request bodies are small; anything bigger is a mistake or an attack. */
    static final int MAX_JSON_BYTES = 256 * 1024;
    private static final int BUFFER = 64 * 1024;

    private Bodies() {
    }

    /** The body, at most {@code limit} bytes; {@code what} names it in the 413 message. */
    static byte[] read(Context ctx, long limit, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        copy(ctx, out, limit, what);
        return out.toByteArray();
    }

    /**
     * Copies the body to {@code out} (which it does not close), at most {@code limit} bytes; returns how many.
     * An error writing {@code out} is the server's ({@link java.io.UncheckedIOException}); an error reading the
     * body is the client's ({@link BodyAbortedException}).
     */
    static long copy(Context ctx, OutputStream out, long limit, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(what, limit);
        }
        InputStream in;
        try {
            in = ctx.req().getInputStream();
        } catch (IOException e) {
            throw aborted(what, 0, declared, e);
        }
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, limit + 1))];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException | BadMessageException e) {
                throw aborted(what, total, declared, e);
            }
            if (n < 0) {
                return total;
            }
            total += n;
            if (total > limit) {
                throw tooLarge(what, limit);
            }
            try {
                out.write(buf, 0, n);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot keep the " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /** A JSON body: Content-Type must be application/json (which also keeps other web sites from posting it). */
    static byte[] json(Context ctx, String what) {
        String type = ImageFormats.mediaType(ctx.header("Content-Type"));
        if (!type.equals("application/json")) {
            throw new ApiException(415, "the " + what + " must be sent with 'Content-Type: application/json', got '"
                    + ServedFiles.abbreviate(type) + "'");
        }
        return read(ctx, MAX_JSON_BYTES, what);
    }

    private static BodyAbortedException aborted(String what, long got, long declared, Exception e) {
        boolean slow = e instanceof BadMessageException b && b.getCode() == 408
                || e.getCause() instanceof java.util.concurrent.TimeoutException
                || e instanceof java.util.concurrent.TimeoutException;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BodyAbortedException(slow ? 408 : 400, "the " + what + " stopped after " + got
                + (declared >= 0 ? " of " + declared : "") + " bytes (" + reason + ")"
                + (slow ? "; send it without pauses" : ""));
    }

    private static ApiException tooLarge(String what, long limit) {
        return new ApiException(413, "the " + what + " is larger than the limit of " + human(limit)
                + (what.contains("image") ? "; send a smaller image (or start the server with a larger --max-upload-mb)" : ""));
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
