package dev.loupe.models.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A small 8-bit RGB raster, one {@code 0xRRGGBB} int per pixel in row-major order: the output of
 * {@link PilResampler} before it is turned into model input. The array is not copied; treat it as read-only.
 */
public record RgbImage(int width, int height, int[] pixels) {
    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("RgbImage " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /** Copies the RGB values of {@code image} (alpha dropped, grey replicated), see {@link RgbRows#of}. */
    public static RgbImage of(BufferedImage image) {
        RgbRows rows = RgbRows.of(image);
        int[] px = new int[rows.width() * rows.height()];
        int[] row = new int[rows.width()];
        for (int y = 0; y < rows.height(); y++) {
            rows.row(y, row);
            System.arraycopy(row, 0, px, y * rows.width(), row.length);
        }
        return new RgbImage(rows.width(), rows.height(), px);
    }

    public int rgb(int x, int y) {
        return pixels[y * width + x];
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
    public int channel(int x, int y, int c) {
        return (pixels[y * width + x] >> (16 - 8 * c)) & 0xFF;
    }

    RgbRows rows() {
        return new RgbRows() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void row(int y, int[] dst) {
                System.arraycopy(pixels, y * width, dst, 0, width);
            }
        };
    }
}
