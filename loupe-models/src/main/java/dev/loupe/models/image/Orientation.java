package dev.loupe.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The eight EXIF orientations (tag 0x0112) and how to turn stored pixels into what a viewer shows.
 *
 * <p>1 = as stored, 2 = mirrored left-right, 3 = rotated 180°, 4 = mirrored top-bottom, 5 = transposed
 * (mirrored across the main diagonal), 6 = needs a 90° clockwise turn, 7 = transversed (mirrored across the
 * other diagonal), 8 = needs a 90° counter-clockwise turn. Any other value is treated as 1.
 */
final class Orientation {

    private Orientation() {
    }

    /** A valid orientation 1..8, or 1 for missing/invalid values. */
    static int normalize(int exifValue) {
        return exifValue >= 1 && exifValue <= 8 ? exifValue : 1;
    }

    /** True if the orientation swaps width and height (5..8). */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright image; {@code src} must be TYPE_INT_RGB. Returns {@code src} itself for orientation 1. */
    static BufferedImage apply(BufferedImage src, int orientation) {
        int o = normalize(orientation);
        if (o == 1) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = swapsAxes(o);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        BufferedImage dst = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        for (int oy = 0; oy < oh; oy++) {
            int base = oy * ow;
            for (int ox = 0; ox < ow; ox++) {
                int ix;
                int iy;
                switch (o) {
                    case 2 -> { ix = w - 1 - ox; iy = oy; }
                    case 3 -> { ix = w - 1 - ox; iy = h - 1 - oy; }
                    case 4 -> { ix = ox; iy = h - 1 - oy; }
                    case 5 -> { ix = oy; iy = ox; }
                    case 6 -> { ix = oy; iy = h - 1 - ox; }
                    case 7 -> { ix = w - 1 - oy; iy = h - 1 - ox; }
                    default -> { ix = w - 1 - oy; iy = ox; } // 8
                }
                out[base + ox] = in[iy * w + ix];
            }
        }
        return dst;
    }
}
