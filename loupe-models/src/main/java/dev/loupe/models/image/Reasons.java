package dev.loupe.models.image;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The human reasons in {@link ImageDecodeException}s: what is wrong with a file and what to do about it.
 * Also decides which decoder complaints mean "pixels are missing" (truncated or corrupt data).
 */
final class Reasons {

    private Reasons() {
    }

    static String displayFormat(String format) {
        return switch (format) {
            case "webp" -> "WebP";
            case "" -> "image";
            default -> format.toUpperCase(Locale.ROOT);
        };
    }

    static String truncated(String format) {
        return displayFormat(format) + " data ends early (file truncated?) — re-copy the file";
    }

    static String corrupt(String format, String detail) {
        return displayFormat(format) + " data is corrupt (" + detail
                + ") — part of the image would be grey or garbled; re-copy or re-save the file";
    }

    static String tooManyPixels(int width, int height, DecodeOptions options) {
        double mp = (double) width * height / 1e6;
        String mpText = mp >= 100 ? String.format(Locale.ROOT, "%.0f", mp) : String.format(Locale.ROOT, "%.1f", mp);
        return width + "x" + height + " = " + mpText + " megapixels exceeds the " + options.maxPixelsLabel()
                + " limit (decompression bomb?); raise it with --max-pixels if the image is real";
    }

    static String badSize(String format, int width, int height) {
        return displayFormat(format) + " header gives an impossible size " + width + "x" + height
                + " — the file is damaged; re-copy or re-save it";
    }

    static String outOfMemory(int width, int height) {
        return "not enough memory to decode this " + width + "x" + height
                + " image — give Java more heap (-Xmx) or lower --max-pixels";
    }

    static String empty() {
        return "empty file (0 bytes) — re-copy the file";
    }

    /** For bytes no ImageIO reader claims. */
    static String notAnImage(byte[] head, String name) {
        if (head.length == 0) {
            return empty();
        }
        if (head.length >= 12 && "ftyp".equals(new String(head, 4, 4, StandardCharsets.US_ASCII))) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            if (List.of("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis").contains(brand)) {
                return "HEIF/HEIC/AVIF images are not supported (brand '" + brand.trim()
                        + "') — convert the file to JPEG or PNG";
            }
        }
        String reason = "not an image (unrecognized format)";
        if (name != null && ImageFiles.hasImageExtension(name)) {
            reason += " — the name ends in ." + ImageFiles.extension(name)
                    + " but the bytes are not JPEG, PNG, GIF, BMP, TIFF or WebP; the file is damaged or misnamed";
        }
        return reason;
    }

    /** A reader threw: explain it, using its warnings too (readers often warn "truncated" before failing). */
    static String readFailure(String format, Throwable error, List<String> warnings) {
        if (isTruncation(error) || warnings.stream().anyMatch(Reasons::meansTruncation)) {
            return truncated(format);
        }
        String detail = describe(error);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("unsupported") || lower.contains("not supported")) {
            return "this kind of " + displayFormat(format) + " is not supported (" + detail
                    + ") — convert the file to a standard JPEG or PNG";
        }
        if (error instanceof RuntimeException) {
            return displayFormat(format) + " decoder failed on this file (" + detail
                    + ") — the file is probably damaged; re-save it with another program";
        }
        return displayFormat(format) + " data is damaged (" + detail + ") — re-copy or re-save the file";
    }

    private static boolean isTruncation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EOFException || meansTruncation(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Decoder messages that say the data stopped before the image was complete. */
    static boolean meansTruncation(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("premature end of jpeg file") || m.contains("truncated")
                || m.contains("unexpected end") || m.contains("end of stream") || m.contains("end of file");
    }

    /**
     * JPEG warnings after which part of the picture is made up (grey or garbage): truncation, a scan that
     * stops early, undecodable entropy data. Harmless ones (extra bytes before a marker, unknown markers) pass.
     */
    static boolean jpegLosesData(String warning) {
        if (warning == null) {
            return false;
        }
        String m = warning.toLowerCase(Locale.ROOT);
        return meansTruncation(m) || m.contains("premature end of data segment") || m.contains("bad huffman code")
                || m.contains("missing eoi");
    }

    /** The most specific message: the innermost cause that has one (readers wrap the real reason). */
    private static String describe(Throwable error) {
        String message = null;
        Throwable named = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage().strip();
                named = t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (message == null) {
            return named.getClass().getSimpleName();
        }
        return message.length() > 160 ? message.substring(0, 157) + "..." : message;
    }
}
