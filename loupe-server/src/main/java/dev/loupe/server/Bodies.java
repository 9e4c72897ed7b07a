package dev.loupe.server;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies with a size limit (413 beyond it) and checks their declared type (415). */
final class Bodies {
    /** JSON request bodies are small; anything bigger is a mistake or an attack. */
    static final int MAX_JSON_BYTES = 256 * 1024;

    private Bodies() {
    }

    /** The body, at most {@code limit} bytes; {@code what} names it in the 413 message. */
    static byte[] read(Context ctx, long limit, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(what, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), limit));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge(what, limit);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body: " + e.getMessage(), e);
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
