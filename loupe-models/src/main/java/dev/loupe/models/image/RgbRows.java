package dev.loupe.models.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Row-by-row access to the 8-bit RGB values of an image, so that resizing a large photo does not need a second
 * full-size copy of it.
 */
interface RgbRows {
    int width();

    int height();

    /** Writes row {@code y} as {@code 0xRRGGBB} ints into {@code dst[0..width)}. */
    void row(int y, int[] dst);

    /**
     * Reads {@code image} the way Pillow's {@code convert("RGB")} sees it: alpha is dropped (not composited), grey
     * values are replicated to R, G and B as stored (Java2D's {@code getRGB} would apply a gamma curve to linear
     * grey rasters, turning 128 into 188), 16-bit grey keeps its high byte. Other layouts go through
     * {@code getRGB}, which converts their colour space to sRGB.
     */
    static RgbRows of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            return rows(w, h, (y, dst) -> {
                raster.getDataElements(0, y, w, 1, dst);
                for (int x = 0; x < w; x++) {
                    dst[x] &= 0xFFFFFF;
                }
            });
        }
        if (image.getColorModel() instanceof ComponentColorModel cm && !cm.isAlphaPremultiplied()) {
            int bands = raster.getNumBands();
            int transfer = raster.getTransferType();
            boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2);
            boolean srgb = cm.getColorSpace().isCS_sRGB() && (bands == 3 || bands == 4);
            if ((gray || srgb) && (transfer == DataBuffer.TYPE_BYTE || (gray && transfer == DataBuffer.TYPE_USHORT))) {
                int shift = transfer == DataBuffer.TYPE_USHORT ? 8 : 0;
                int[] samples = new int[w * bands];
                return rows(w, h, (y, dst) -> {
                    raster.getPixels(0, y, w, 1, samples);
                    for (int x = 0, s = 0; x < w; x++, s += bands) {
                        if (gray) {
                            int v = samples[s] >> shift;
                            dst[x] = v << 16 | v << 8 | v;
                        } else {
                            dst[x] = samples[s] << 16 | samples[s + 1] << 8 | samples[s + 2];
                        }
                    }
                });
            }
        }
        return rows(w, h, (y, dst) -> {
            image.getRGB(0, y, w, 1, dst, 0, w);
            for (int x = 0; x < w; x++) {
                dst[x] &= 0xFFFFFF;
            }
        });
    }

    /** A row reader; not thread-safe when it reuses a buffer, so each resize gets its own. */
    interface RowReader {
        void read(int y, int[] dst);
    }

    private static RgbRows rows(int w, int h, RowReader reader) {
        return new RgbRows() {
            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return h;
            }

            @Override
            public void row(int y, int[] dst) {
                reader.read(y, dst);
            }
        };
    }
}
