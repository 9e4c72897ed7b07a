package dev.loupe.models.image;

import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import static dev.loupe.models.image.TestImages.blue;
import static dev.loupe.models.image.TestImages.decoders;
import static dev.loupe.models.image.TestImages.green;
import static dev.loupe.models.image.TestImages.label;
import static dev.loupe.models.image.TestImages.red;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alpha, bit depths, palettes, CMYK, ICC profiles and every supported container, built in the test. */
class PixelFormatsTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static int rgb(DecodedImage d, int x, int y) {
        return d.image().getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void alphaIsFlattenedOntoWhite() throws Exception {
        BufferedImage argb = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                int pixel = x < 100 ? 0x80FF0000 /* half-transparent red */ : 0x000000FF /* invisible blue */;
                argb.setRGB(x, y, pixel);
            }
        }
        argb.setRGB(0, 0, 0xFF0000FF); // one opaque blue pixel
        DecodedImage d = decoder.decode(TestImages.encode(argb, "png"), "alpha.png");
        assertEquals(0x0000FF, rgb(d, 0, 0));
        // 255*a + 255*(1-a) for red; 0*a + 255*(1-a) = 127 for green and blue (a = 128/255)
        assertEquals(0xFF7F7F, rgb(d, 50, 50));
        assertEquals(0xFFFFFF, rgb(d, 150, 50), "fully transparent becomes white, not black or blue");
    }

    @Test
    void palettesWithTransparencyAreFlattenedOntoWhite() throws Exception {
        byte[] r = {(byte) 255, 0, 0, 10};
        byte[] g = {0, (byte) 255, 0, 20};
        byte[] b = {0, 0, (byte) 255, 30};
        byte[] a = {(byte) 255, (byte) 128, 0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, a);
        BufferedImage img = new BufferedImage(40, 10, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 10; y++) {
                img.getRaster().setSample(x, y, 0, x / 10);
            }
        }
        DecodedImage d = decoder.decode(TestImages.encode(img, "png"), "palette.png");
        assertEquals(0xFF0000, rgb(d, 5, 5));
        assertEquals(0x7FFF7F, rgb(d, 15, 5));
        assertEquals(0xFFFFFF, rgb(d, 25, 5));
        assertEquals(0x0A141E, rgb(d, 35, 5));
    }

    @Test
    void sixteenBitSamplesAreRoundedToEightBits() throws Exception {
        int[] values = {0, 1000, 32768, 65535};
        int[] eightBit = {0, 4, 128, 255}; // round(v * 255 / 65535)
        BufferedImage gray = new BufferedImage(40, 10, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 10; y++) {
                gray.getRaster().setSample(x, y, 0, values[x / 10]);
            }
        }
        DecodedImage g16 = decoder.decode(TestImages.encode(gray, "png"), "gray16.png");
        for (int i = 0; i < 4; i++) {
            int v = eightBit[i];
            assertEquals((v << 16) | (v << 8) | v, rgb(g16, i * 10 + 5, 5), "16-bit gray " + values[i]);
        }

        ComponentColorModel rgb16 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = rgb16.createCompatibleWritableRaster(10, 10);
        for (int x = 0; x < 10; x++) {
            for (int y = 0; y < 10; y++) {
                raster.setPixel(x, y, new int[] {65535, 32768, 1000});
            }
        }
        DecodedImage c16 = decoder.decode(TestImages.encode(new BufferedImage(rgb16, raster, false, null), "png"),
                "rgb16.png");
        assertEquals(0xFF8004, rgb(c16, 3, 3));
    }

    @Test
    void graySamplesAreCopiedNotGammaShifted() throws Exception {
        BufferedImage gray = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 10; x++) {
            for (int y = 0; y < 10; y++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        // Java2D's own conversion treats CS_GRAY as linear and would give about 0xA8A8A8 here
        assertEquals(0x646464, rgb(decoder.decode(TestImages.encode(gray, "png"), "gray.png"), 4, 4));
        for (ImageDecoder d : decoders(DecodeOptions.defaults())) {
            DecodedImage jpeg = d.decode(TestImages.jpeg(gray, 0.95f), "gray.jpg");
            assertTrue(TestImages.distance(0x646464, rgb(jpeg, 4, 4)) <= 2, label(d) + ": gray JPEG");
        }
    }

    @Test
    void cmykJpegDecodesToPlausibleColours() throws Exception {
        // A CMYK JPEG as Photoshop writes it: an Adobe APP14 segment (transform 0 = no YCC) and inverted inks.
        int w = 64;
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, w, 4, null);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                boolean right = x >= w / 2;
                boolean bottom = y >= w / 2;
                int c = right && !bottom ? 255 : 0;   // top right: cyan ink
                int yellow = !right && bottom ? 255 : 0; // bottom left: yellow ink
                int k = right && bottom ? 255 : 0;   // bottom right: black ink; top left: no ink (paper)
                cmyk.setPixel(x, y, new int[] {255 - c, 255, 255 - yellow, 255 - k});
            }
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(cmyk, 0.95f), 0xEE, adobe);
        for (ImageDecoder d : decoders(DecodeOptions.defaults())) {
            DecodedImage img = d.decode(jpeg, "cmyk.jpg");
            String what = label(d);
            assertEquals("jpeg", img.format());
            int paper = rgb(img, 8, 8);
            int cyan = rgb(img, 56, 8);
            int yellow = rgb(img, 8, 56);
            int black = rgb(img, 56, 56);
            assertTrue(red(paper) > 220 && green(paper) > 220 && blue(paper) > 220, what + " paper " + hex(paper));
            assertTrue(red(cyan) < 100 && green(cyan) > 140 && blue(cyan) > 180, what + " cyan " + hex(cyan));
            assertTrue(red(yellow) > 200 && green(yellow) > 200 && blue(yellow) < 100, what + " yellow " + hex(yellow));
            assertTrue(red(black) < 70 && green(black) < 70 && blue(black) < 70, what + " black " + hex(black));
        }
    }

    @Test
    void embeddedIccProfileIsConvertedToSrgbOnBothPaths() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(grey, 0.95f), 0xE2, TestImages.iccApp2(linear));
        Integer first = null;
        for (ImageDecoder d : decoders(DecodeOptions.defaults())) {
            int p = rgb(d.decode(jpeg, "linear.jpg"), 32, 32);
            // linear 0.5 is sRGB ~188: clearly brighter than the stored 128
            assertTrue(red(p) > 170 && red(p) < 205, label(d) + " got " + hex(p));
            if (first != null) {
                assertTrue(TestImages.distance(first, p) <= 4, "paths agree: " + hex(first) + " vs " + hex(p));
            }
            first = p;
        }
    }

    @Test
    void everyContainerDecodesSubsampledAtTheRightPlaces() throws Exception {
        int w = 1000;
        int h = 700;
        BufferedImage gradient = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gradient.setRGB(x, y, (x * 255 / (w - 1)) << 16 | (y * 255 / (h - 1)) << 8 | 77);
            }
        }
        String[][] containers = {{"png", "png", "2"}, {"bmp", "bmp", "2"}, {"tiff", "tiff", "2"},
                {"jpeg", "jpeg", "8"}, {"gif", "gif", "40"}};
        for (String[] c : containers) {
            byte[] bytes = c[0].equals("jpeg") ? TestImages.jpeg(gradient, 0.9f) : TestImages.encode(gradient, c[0]);
            for (ImageDecoder d : decoders(DecodeOptions.defaults())) {
                DecodedImage img = d.decode(bytes, "gradient." + c[0]);
                String what = c[0] + " via " + label(d);
                assertEquals(c[1], img.format(), what);
                assertEquals(w, img.width(), what);
                assertEquals(h, img.height(), what);
                assertGradient(img.image(), Integer.parseInt(c[2]), what);
                int shortSide = Math.min(img.image().getWidth(), img.image().getHeight());
                assertTrue(shortSide >= 256 && shortSide < 512, what + ": short side " + shortSide);
            }
        }
    }

    @Test
    void webpLossyAndLosslessWithAlphaDecode() throws Exception {
        // 600x300 gradients (red across, green down, blue 77) made with cwebp 1.2.4 from a PNG with a
        // transparent 100x100 square at the top left: kept in the lossless file, flattened to white in the lossy one.
        DecodedImage lossy = decoder.decode(resource("gradient-lossy.webp"), "gradient-lossy.webp");
        assertEquals("webp", lossy.format());
        assertEquals(600, lossy.width());
        assertEquals(300, lossy.height());
        assertGradient(lossy.image(), 10, "lossy webp");
        assertTrue(TestImages.distance(0xFFFFFF, lossy.image().getRGB(10, 10)) <= 3, "lossy: white square");

        DecodedImage lossless = new ImageDecoder(new DecodeOptions(100, 150_000_000L))
                .decode(resource("gradient-alpha-lossless.webp"), "gradient-alpha-lossless.webp");
        assertEquals(600, lossless.width());
        assertEquals(200, lossless.image().getWidth(), "short side 300 subsampled by 3 for minSide 100");
        assertEquals(100, lossless.image().getHeight());
        assertEquals(0xFFFFFF, lossless.image().getRGB(10, 10) & 0xFFFFFF, "transparent square is white");
        int p = lossless.image().getRGB(150, 80) & 0xFFFFFF; // source (450, 240)
        assertEquals(450 * 255 / 599, red(p), 1);
        assertEquals(240 * 255 / 299, green(p), 1);
        assertEquals(77, blue(p));
    }

    /** Red rises left to right, green top to bottom: check at a grid of places that pixels came from there. */
    private static void assertGradient(BufferedImage img, int tolerance, String what) {
        for (double fx : new double[] {0.2, 0.5, 0.9}) {
            for (double fy : new double[] {0.15, 0.5, 0.85}) {
                int p = img.getRGB((int) (fx * img.getWidth()), (int) (fy * img.getHeight()));
                assertEquals(fx * 255, red(p), tolerance + 3, what + " red at " + fx + "," + fy);
                assertEquals(fy * 255, green(p), tolerance + 3, what + " green at " + fx + "," + fy);
                assertEquals(77, blue(p), tolerance, what + " blue");
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PixelFormatsTest.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    private static String hex(int rgb) {
        return String.format("%06x", rgb);
    }
}
