package dev.loupe.models.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Expected values here come from first principles, not from running Pillow: the kernels' normalized weights sum to
 * one, Keys' cubic (a = -0.5) reproduces linear functions exactly, and a 2x downscale places symmetric taps around
 * each output pixel.
 */
class PilResamplerTest {

    private static RgbImage image(int w, int h, IntBinaryOperator rgbAt) {
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = rgbAt.applyAsInt(x, y);
            }
        }
        return new RgbImage(w, h, px);
    }

    private static int rgb(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }

    @Test
    void constantImageStaysConstantWithEveryFilterAndScale() {
        RgbImage flat = image(97, 61, (x, y) -> rgb(13, 128, 250));
        for (ResampleFilter f : ResampleFilter.values()) {
            for (int[] size : new int[][] {{224, 141}, {30, 19}, {97, 200}, {5, 61}}) {
                RgbImage out = PilResampler.resize(flat, size[0], size[1], f);
                for (int p : out.pixels()) {
                    assertEquals(rgb(13, 128, 250), p, f + " " + size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void upscaledLinearGradientFollowsTheLineAwayFromBorders() {
        // red rises 4 per column, green 3 per row; bicubic reproduces straight lines exactly
        RgbImage ramp = image(50, 40, (x, y) -> rgb(20 + 4 * x, 30 + 3 * y, 100));
        int outW = 125;
        int outH = 100;
        RgbImage out = PilResampler.resize(ramp, outW, outH, ResampleFilter.BICUBIC);
        double sx = 50.0 / outW;
        double sy = 40.0 / outH;
        int checked = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double u = (x + 0.5) * sx - 0.5; // source column the output pixel's centre falls on
                double v = (y + 0.5) * sy - 0.5;
                if (u < 2 || u > 50 - 3 || v < 2 || v > 40 - 3) {
                    continue; // kernel (radius 2) would be cut by the border
                }
                assertEquals(20 + 4 * u, out.channel(x, y, 0), 0.5 + 1e-3, "red at " + x + "," + y);
                assertEquals(30 + 3 * v, out.channel(x, y, 1), 0.5 + 1e-3, "green at " + x + "," + y);
                assertEquals(100, out.channel(x, y, 2));
                checked++;
            }
        }
        assertTrue(checked > 5000, "checked " + checked);
    }

    @Test
    void halvedGradientAveragesEachPairOfPixels() {
        // a 2x downscale centres output x on source x = 2x + 0.5, so red = 20 + 4 (2x + 0.5) = 22 + 8x exactly
        RgbImage ramp = image(56, 48, (x, y) -> rgb(20 + 4 * x, 10 + 4 * y, 7));
        RgbImage out = PilResampler.resize(ramp, 28, 24, ResampleFilter.BICUBIC);
        for (int y = 3; y < 24 - 3; y++) {
            for (int x = 3; x < 28 - 3; x++) {
                assertEquals(22 + 8 * x, out.channel(x, y, 0), "red at " + x + "," + y);
                assertEquals(12 + 8 * y, out.channel(x, y, 1), "green at " + x + "," + y);
                assertEquals(7, out.channel(x, y, 2));
            }
        }
    }

    @Test
    void thirdOfStripesIsBlurredNotSampled() {
        // 3x downscale: output x is centred on source pixel 3x + 1, the kernel is stretched to radius 6 and taps
        // pixels at distances d = -5..5 with weights k(d / 3): k(0) = 1, k(1/3) = 7/9, k(2/3) = 1/3, k(1) = 0,
        // k(4/3) = -2/27, k(5/3) = -1/27. Same-colour taps (even d) weigh 41/27, the others 40/27, of 81/27.
        // Sampling without antialiasing would return the centre stripe's colour, 240 or 0.
        RgbImage stripes = image(90, 12, (x, y) -> (x & 1) == 0 ? rgb(240, 0, 30) : rgb(0, 240, 30));
        RgbImage out = PilResampler.resize(stripes, 30, 12, ResampleFilter.BICUBIC);
        for (int y = 0; y < 12; y++) {
            for (int x = 2; x < 30 - 2; x++) {
                boolean centreIsRed = ((3 * x + 1) & 1) == 0;
                double red = 240.0 * (centreIsRed ? 41 : 40) / 81;
                assertEquals(red, out.channel(x, y, 0), 0.5 + 1e-6, "red at " + x);
                assertEquals(240.0 - red, out.channel(x, y, 1), 0.5 + 1e-6, "green at " + x);
                assertEquals(30, out.channel(x, y, 2));
            }
        }
    }

    @Test
    void halvedCheckerboardIsTheMeanColourInside() {
        // symmetric taps around every output pixel pair one cell of each colour, so the result is their mean;
        // an interpolating (non-antialiased) bicubic would instead pick up the pattern
        int a = rgb(200, 40, 0);
        int b = rgb(0, 240, 100);
        RgbImage board = image(80, 60, (x, y) -> ((x + y) & 1) == 0 ? a : b);
        for (ResampleFilter f : new ResampleFilter[] {ResampleFilter.BICUBIC, ResampleFilter.LANCZOS,
                ResampleFilter.BILINEAR, ResampleFilter.BOX}) {
            RgbImage out = PilResampler.resize(board, 40, 30, f);
            for (int y = 4; y < 30 - 4; y++) {
                for (int x = 4; x < 40 - 4; x++) {
                    assertEquals(rgb(100, 140, 50), out.rgb(x, y), f + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void regionEqualsTheSameRectangleOfTheFullResize() {
        RgbImage noise = image(173, 121, (x, y) -> rgb((x * 37 + y * 11) & 0xFF, (x * y * 13 + 7) & 0xFF,
                (x ^ (y * 5)) & 0xFF));
        for (int[] size : new int[][] {{98, 67}, {300, 210}, {173, 90}, {60, 121}}) {
            RgbImage full = PilResampler.resize(noise, size[0], size[1], ResampleFilter.BICUBIC);
            int left = size[0] / 5;
            int top = size[1] / 4;
            int w = size[0] / 2;
            int h = size[1] / 2;
            RgbImage region = PilResampler.resizeRegion(noise.rows(), size[0], size[1], ResampleFilter.BICUBIC,
                    left, top, w, h);
            int[] expected = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    expected[y * w + x] = full.rgb(left + x, top + y);
                }
            }
            assertArrayEquals(expected, region.pixels(), size[0] + "x" + size[1]);
        }
    }

    @Test
    void sameSizeIsAnExactCopy() {
        RgbImage noise = image(33, 21, (x, y) -> rgb(x * 7, y * 11, (x * y) & 0xFF));
        assertArrayEquals(noise.pixels(), PilResampler.resize(noise, 33, 21, ResampleFilter.BICUBIC).pixels());
    }

    @Test
    void badRegionsAreRejected() {
        RgbImage flat = image(10, 10, (x, y) -> 0);
        assertThrows(IllegalArgumentException.class,
                () -> PilResampler.resizeRegion(flat.rows(), 20, 20, ResampleFilter.BICUBIC, 15, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> PilResampler.resize(flat, 0, 5, ResampleFilter.BOX));
        assertThrows(IllegalArgumentException.class, () -> ResampleFilter.fromConfigName("nearest"));
        assertEquals(ResampleFilter.BICUBIC, ResampleFilter.fromConfigName("BICUBIC"));
    }
}
