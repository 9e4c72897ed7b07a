package dev.loupe.models.image;

import java.io.IOException;
import java.util.Objects;

/**
 * An image file could not be decoded. The message is "{@code file: reason}", where the reason says in plain
 * words what is wrong and what to do, e.g.
 * {@code "truncated.jpg: JPEG data ends early (file truncated?) — re-copy the file"}.
 */
public final class ImageDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String reason;

    public ImageDecodeException(String file, String reason) {
        this(file, reason, null);
    }

    public ImageDecodeException(String file, String reason, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file (path or upload name) that failed. */
    public String file() {
        return file;
    }

    /** What is wrong and what to do, without the file name. */
    public String reason() {
        return reason;
    }
}
