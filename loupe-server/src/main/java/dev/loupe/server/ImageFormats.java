package dev.loupe.server;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises image files by their first bytes (never by a name or a header the client sent), so that only images
 * are accepted as uploads and only images are served.
 */
final class ImageFormats {
    /** The content types an upload may declare. */
    static final Set<String> UPLOAD_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp",
            "image/x-ms-bmp", "image/tiff", "image/webp");

    private ImageFormats() {
    }

    /** The content type the bytes really are, or empty when they are not an image Loupe reads. */
    static Optional<String> sniff(byte[] b) {
        if (b.length >= 3 && u(b[0]) == 0xFF && u(b[1]) == 0xD8 && u(b[2]) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 'B', 'M') && b.length > 14) {
            return Optional.of("image/bmp");
        }
        if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of("image/tiff");
        }
        if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** True for the types browsers show in an {@code <img>}; others are shown as a converted preview. */
    static boolean browserShows(String contentType) {
        return !contentType.equals("image/tiff");
    }

    /** The media type of a Content-Type header value, lower case, without parameters. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (u(b[i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u(byte x) {
        return x & 0xFF;
    }
}
