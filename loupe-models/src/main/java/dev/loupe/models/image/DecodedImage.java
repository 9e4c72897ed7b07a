package dev.loupe.models.image;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * An image ready for the encoders, plus what the index records about the original file.
 *
 * @param image       8-bit sRGB pixels, always {@link BufferedImage#TYPE_INT_RGB}, EXIF orientation already
 *                    applied and any transparency flattened onto white; its shorter side is at least
 *                    {@link DecodeOptions#minSide()} unless the original is smaller, so it is usually much
 *                    smaller than the original
 * @param width       the ORIGINAL width in pixels, after EXIF orientation (what a viewer would show)
 * @param height      the ORIGINAL height in pixels, after EXIF orientation
 * @param takenMillis EXIF DateTimeOriginal as epoch milliseconds (read as UTC unless the file records its
 *                    offset), or -1 when the file has none
 * @param format      the container format actually found in the bytes: "jpeg", "png", "gif", "bmp", "tiff",
 *                    "webp" (or another lower-case ImageIO format name)
 * @param warnings    what could not be used although the pixels were read, e.g. EXIF data that cannot be parsed
 *                    (its orientation and date are then left out); empty for most files
 */
public record DecodedImage(BufferedImage image, int width, int height, long takenMillis, String format,
                           List<String> warnings) {
    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        warnings = List.copyOf(warnings);
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("image must be TYPE_INT_RGB, got type " + image.getType());
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("original size must be positive, got " + width + "x" + height);
        }
    }
}
