package dev.loupe.models.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which files Loupe treats as images when it walks folders: decided by file name extension only (cheap), the
 * decoder then checks the actual bytes.
 */
public final class ImageFiles {

    /** Lower-case extensions (without the dot) that {@link ImageDecoder} can read. */
    public static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "jpe", "png", "gif", "bmp", "tif", "tiff", "webp");

    private ImageFiles() {
    }

    /** True if the name ends in a recognised image extension (any case) and the path is not a directory. */
    public static boolean isImage(Path file) {
        if (file == null || file.getFileName() == null) {
            return false;
        }
        return hasImageExtension(file.getFileName().toString()) && !Files.isDirectory(file);
    }

    /** True if the file name ends in a recognised image extension (any case). */
    public static boolean hasImageExtension(String fileName) {
        return EXTENSIONS.contains(extension(fileName));
    }

    /** The lower-case extension without the dot, or "" when there is none (dot files count as no extension). */
    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (dot <= slash + 1 || dot == fileName.length() - 1) {
            return "";
        }
        return fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
