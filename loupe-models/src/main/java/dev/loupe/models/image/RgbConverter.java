package dev.loupe.models.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Turns whatever an ImageIO reader returned (gray, 16-bit, palette, float, CMYK, with or without alpha) into
 * 8-bit {@link BufferedImage#TYPE_INT_RGB}, flattening transparency onto white.
 *
 * <p>Gray samples are taken as already gamma-encoded (as PNG, TIFF and JPEG store them) and copied to R=G=B;
 * Java2D's own conversion would treat {@code CS_GRAY} as linear and brighten them. Wider samples are
 * rounded to 8 bits. Colour spaces other than sRGB and gray go through a colour-managed
 * {@link ColorConvertOp}.
 */
final class RgbConverter {

    private static final int WHITE = 255;

    private RgbConverter() {
    }

    static BufferedImage toIntRgb(BufferedImage src) {
        if (isPlainIntRgb(src)) {
            return src;
        }
        ColorModel cm = src.getColorModel();
        BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        if (cm instanceof IndexColorModel icm) {
            indexed(src.getRaster(), icm, out);
        } else if (cm instanceof ComponentColorModel && (isGray(cm) || cm.getColorSpace().isCS_sRGB())) {
            if (!interleavedBytes(src.getRaster(), cm, out)) {
                component(src.getRaster(), cm, out);
            }
        } else if (cm instanceof DirectColorModel && cm.getColorSpace().isCS_sRGB()) {
            direct(src, out);
        } else {
            colorManaged(src, dst, out);
        }
        return dst;
    }

    /** TYPE_INT_RGB whose int array is exactly its pixels, row after row (not a sub-image). */
    static boolean isPlainIntRgb(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_RGB
                && img.getRaster().getParent() == null
                && img.getRaster().getSampleModelTranslateX() == 0
                && img.getRaster().getSampleModelTranslateY() == 0
                && img.getRaster().getDataBuffer().getSize() == img.getWidth() * img.getHeight()
                && img.getRaster().getDataBuffer().getOffset() == 0;
    }

    private static boolean isGray(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** a*c + (1-a)*white, all 0..255, rounded. */
    private static int overWhite(int c, int a) {
        return (c * a + WHITE * (WHITE - a) + 127) / WHITE;
    }

    private static void indexed(Raster raster, IndexColorModel icm, int[] out) {
        int[] lut = new int[icm.getMapSize()];
        for (int i = 0; i < lut.length; i++) {
            int argb = icm.getRGB(i);
            int a = argb >>> 24;
            lut[i] = a == WHITE ? argb & 0xFFFFFF : rgb(
                    overWhite((argb >> 16) & 0xFF, a), overWhite((argb >> 8) & 0xFF, a), overWhite(argb & 0xFF, a));
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int index = row[x];
                // a corrupt file may hold indices past the palette: show them black rather than fail
                out[base + x] = index < lut.length ? lut[index] : 0;
            }
        }
    }

    /**
     * Fast path for what the JPEG and PNG readers usually return (3BYTE_BGR, BYTE_GRAY, 8-bit without alpha):
     * reads the byte array directly. False if the raster is not of that kind.
     */
    private static boolean interleavedBytes(WritableRaster raster, ColorModel cm, int[] out) {
        if (cm.hasAlpha() || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                || raster.getParent() != null || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0) {
            return false;
        }
        for (int b = 0; b < cm.getNumComponents(); b++) {
            if (cm.getComponentSize(b) != 8) {
                return false;
            }
        }
        byte[] data = buffer.getData();
        int[] offsets = sm.getBandOffsets();
        int gray = cm.getNumColorComponents() == 1 ? 1 : 0;
        int ro = buffer.getOffset() + offsets[0];
        int go = buffer.getOffset() + offsets[1 - gray];
        int bo = buffer.getOffset() + offsets[2 - 2 * gray];
        int pixelStride = sm.getPixelStride();
        int w = raster.getWidth();
        for (int y = 0, h = raster.getHeight(); y < h; y++) {
            int row = y * sm.getScanlineStride();
            int base = y * w;
            for (int x = 0, i = row; x < w; x++, i += pixelStride) {
                out[base + x] = (data[ro + i] & 0xFF) << 16 | (data[go + i] & 0xFF) << 8 | (data[bo + i] & 0xFF);
            }
        }
        return true;
    }

    /** Gray or sRGB components, any integer depth or float, optional alpha (premultiplied or not). */
    private static void component(Raster raster, ColorModel cm, int[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int colorBands = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha() && bands > colorBands;
        boolean premultiplied = alpha && cm.isAlphaPremultiplied();
        boolean floating = raster.getTransferType() == DataBuffer.TYPE_FLOAT
                || raster.getTransferType() == DataBuffer.TYPE_DOUBLE;
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << Math.min(cm.getComponentSize(b), 30)) - 1;
        }
        int[] px = new int[w * bands];
        double[] fpx = floating ? new double[w * bands] : null;
        int[] v = new int[4];
        for (int y = 0; y < h; y++) {
            if (floating) {
                raster.getPixels(0, y, w, 1, fpx);
            } else {
                raster.getPixels(0, y, w, 1, px);
            }
            int base = y * w;
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                for (int b = 0; b < bands && b < 4; b++) {
                    v[b] = floating ? unit(fpx[i + b]) : to8(px[i + b], max[b]);
                }
                int r;
                int g;
                int bl;
                if (colorBands == 1) {
                    r = g = bl = v[0];
                } else {
                    r = v[0];
                    g = v[1];
                    bl = v[2];
                }
                if (alpha) {
                    int a = v[colorBands];
                    if (premultiplied) {
                        r = Math.min(WHITE, r + WHITE - a);
                        g = Math.min(WHITE, g + WHITE - a);
                        bl = Math.min(WHITE, bl + WHITE - a);
                    } else if (a != WHITE) {
                        r = overWhite(r, a);
                        g = overWhite(g, a);
                        bl = overWhite(bl, a);
                    }
                }
                out[base + x] = rgb(r, g, bl);
            }
        }
    }

    private static int to8(int sample, int max) {
        if (max == WHITE) {
            return sample;
        }
        return (int) ((sample * 255L + max / 2) / max);
    }

    private static int unit(double sample) {
        if (!(sample > 0)) {
            return 0; // also NaN
        }
        return sample >= 1 ? WHITE : (int) Math.round(sample * WHITE);
    }

    /** Packed sRGB models (INT_ARGB, INT_BGR, 565...): getRGB already gives non-premultiplied ARGB. */
    private static void direct(BufferedImage src, int[] out) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean alpha = src.getColorModel().hasAlpha();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = alpha ? flatten(row[x]) : row[x] & 0xFFFFFF;
            }
        }
    }

    private static int flatten(int argb) {
        int a = argb >>> 24;
        if (a == WHITE) {
            return argb & 0xFFFFFF;
        }
        return rgb(overWhite((argb >> 16) & 0xFF, a), overWhite((argb >> 8) & 0xFF, a), overWhite(argb & 0xFF, a));
    }

    /** CMYK, ICC-tagged, linear RGB and anything else: let the colour management system do it. */
    private static void colorManaged(BufferedImage src, BufferedImage dst, int[] out) {
        try {
            BufferedImage argb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
            new ColorConvertOp(null).filter(src, argb);
            int[] in = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < in.length; i++) {
                out[i] = flatten(in[i]);
            }
        } catch (RuntimeException e) {
            // some exotic colour models are refused by ColorConvertOp; Java2D can still draw them
            Graphics2D g = dst.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, dst.getWidth(), dst.getHeight());
                g.drawImage(src, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
    }

    static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }
}
