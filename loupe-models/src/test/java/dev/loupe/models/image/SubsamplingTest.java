package dev.loupe.models.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static dev.loupe.models.image.TestImages.decoders;
import static dev.loupe.models.image.TestImages.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoded image is never much bigger than needed and never smaller than minSide. */
class SubsamplingTest {

    private static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (int) (x * 255L / Math.max(1, w - 1)) << 16 | (int) (y * 255L / Math.max(1, h - 1)) << 8);
            }
        }
        return img;
    }

    private static void assertShortSide(DecodedImage d, int minSide, String what) {
        int original = Math.min(d.width(), d.height());
        int decoded = Math.min(d.image().getWidth(), d.image().getHeight());
        if (original < minSide) {
            assertEquals(original, decoded, what + ": small images are not enlarged");
        } else {
            assertTrue(decoded >= minSide, what + ": short side " + decoded + " < " + minSide);
            assertTrue(decoded < 2 * minSide, what + ": short side " + decoded + " is more than needed");
        }
    }

    @Test
    void stepIsTheLargestThatKeepsTheShortSide() {
        DecodeOptions o = DecodeOptions.defaults();
        assertEquals(1, o.subsamplingFor(200, 100));
        assertEquals(1, o.subsamplingFor(256, 900));
        assertEquals(1, o.subsamplingFor(510, 900));
        assertEquals(2, o.subsamplingFor(511, 900)); // ceil(511 / 2) = 256
        assertEquals(4, o.subsamplingFor(1600, 1200));
        assertEquals(15, o.subsamplingFor(6000, 4000));
        for (int minSide : new int[] {1, 2, 64, 224, 256}) {
            DecodeOptions options = new DecodeOptions(minSide, 1000);
            for (int side = 1; side < 5000; side += 7) {
                int step = options.subsamplingFor(side, side * 3);
                int kept = (side + step - 1) / step;
                assertTrue(kept >= Math.min(side, minSide), side + " / " + step + " < " + minSide);
                int next = (side + step) / (step + 1);
                assertTrue(step >= side || next < minSide, side + ": step " + (step + 1) + " would do for " + minSide);
            }
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(256, 0));
        assertEquals(new DecodeOptions(256, 150_000_000L), DecodeOptions.defaults());
        assertEquals(224, DecodeOptions.defaults().withMinSide(224).minSide());
    }

    @Test
    void manySizesOnBothPathsKeepTheShortSideInRange() throws Exception {
        int[][] sizes = {{100, 80}, {255, 400}, {256, 256}, {300, 1000}, {511, 700}, {512, 512}, {777, 1301},
                {1600, 1200}, {2000, 300}, {4000, 260}};
        for (int[] s : sizes) {
            BufferedImage img = gradient(s[0], s[1]);
            for (String format : new String[] {"jpeg", "png"}) {
                byte[] bytes = format.equals("jpeg") ? TestImages.jpeg(img, 0.85f) : TestImages.encode(img, "png");
                for (int minSide : new int[] {224, 256}) {
                    for (ImageDecoder decoder : decoders(new DecodeOptions(minSide, 150_000_000L))) {
                        DecodedImage d = decoder.decode(bytes, "g." + format);
                        String what = s[0] + "x" + s[1] + " " + format + " minSide " + minSide + " via " + label(decoder);
                        assertEquals(s[0], d.width(), what);
                        assertEquals(s[1], d.height(), what);
                        assertShortSide(d, minSide, what);
                        double aspect = (double) s[0] / s[1];
                        assertEquals(aspect, (double) d.image().getWidth() / d.image().getHeight(), aspect * 0.03, what);
                    }
                }
            }
        }
    }

    @Test
    void veryLargeReductionsAreAveragedNotJustSkipped() throws Exception {
        // 2400x1600 with minSide 64: libjpeg-turbo's smallest DCT scale (1/8) gives 300x200, then a 3x3 box
        // average brings it to 100x67; ImageIO point-samples every 25th pixel.
        BufferedImage stripes = new BufferedImage(2400, 1600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 1600; y++) {
            for (int x = 0; x < 2400; x++) {
                stripes.setRGB(x, y, (x / 8) % 2 == 0 ? 0xFFFFFF : 0x000000); // 8-pixel vertical stripes
            }
        }
        byte[] jpeg = TestImages.jpeg(stripes, 0.95f);
        for (ImageDecoder decoder : decoders(new DecodeOptions(64, 150_000_000L))) {
            DecodedImage d = decoder.decode(jpeg, "stripes.jpg");
            assertShortSide(d, 64, label(decoder));
            if (decoder.usesNativeJpeg()) {
                assertEquals(100, d.image().getWidth());
                // each output pixel covers 24 source columns = 1.5 stripe pairs: mid greys, never pure black/white
                int p = d.image().getRGB(50, 30);
                assertTrue(TestImages.red(p) > 40 && TestImages.red(p) < 215, Integer.toHexString(p));
            }
        }
    }
}
