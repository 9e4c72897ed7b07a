package dev.loupe.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.models.image.PilResampler;
import dev.loupe.models.image.ResampleFilter;
import dev.loupe.models.image.RgbImage;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClipPreprocessorTest {
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};
    private final ClipPreprocessor clip = new ClipPreprocessor(ImagePreprocessing.CLIP);

    private static double normalized(int value, int channel) {
        return (value / 255.0 - MEAN[channel]) / STD[channel];
    }

    private static BufferedImage rgbImage(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void constantImageGivesTheNormalizedConstantEverywhere() {
        float[] chw = clip.preprocess(rgbImage(640, 427, 0x0A80FA)); // (10, 128, 250)
        assertEquals(3 * 224 * 224, chw.length);
        int plane = 224 * 224;
        int[] rgb = {10, 128, 250};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                assertEquals(normalized(rgb[c], c), chw[c * plane + i], 1e-6, "channel " + c);
            }
        }
    }

    @Test
    void greyImagesAreReplicatedNotGammaCorrected() {
        BufferedImage grey = new BufferedImage(300, 250, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 300; x++) {
                grey.getRaster().setSample(x, y, 0, 128);
            }
        }
        RgbImage out = clip.resizeAndCrop(grey);
        for (int p : out.pixels()) {
            assertEquals(0x808080, p);
        }
    }

    @Test
    void resizedSizeAndCropOffsetFollowTorchvision() {
        assertArrayEquals(new int[] {336, 224}, clip.resizedSize(451, 300));
        assertArrayEquals(new int[] {334, 224}, clip.resizedSize(448, 300)); // floor(334.51)
        assertArrayEquals(new int[] {224, 285}, clip.resizedSize(352, 448));
        assertArrayEquals(new int[] {224, 224}, clip.resizedSize(1411, 1411));
        assertArrayEquals(new int[] {56, 0}, clip.cropOffset(336, 224));
        assertArrayEquals(new int[] {0, 38}, clip.cropOffset(224, 301)); // 38.5 rounds to even
        assertArrayEquals(new int[] {0, 40}, clip.cropOffset(224, 303)); // 39.5 rounds to even
        assertArrayEquals(new int[] {2, 0}, clip.cropOffset(227, 224)); // 1.5 rounds to even
        assertArrayEquals(new int[] {0, 0}, clip.cropOffset(225, 224)); // 0.5 rounds to even
    }

    /** Images whose shorter side is already 224 are not resampled, so the crop can be checked pixel by pixel. */
    @ParameterizedTest
    @ValueSource(ints = {224, 225, 227, 301, 303, 480})
    void cropTakesTheCentreOfATallOrWideImage(int length) {
        for (boolean tall : new boolean[] {true, false}) {
            int w = tall ? 224 : length;
            int h = tall ? length : 224;
            BufferedImage coded = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    coded.setRGB(x, y, (x & 0xFF) << 16 | (y & 0xFF) << 8 | (x >> 8) << 4 | (y >> 8));
                }
            }
            int offset = (int) Math.rint((length - 224) / 2.0);
            RgbImage crop = clip.resizeAndCrop(coded);
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    int sx = tall ? x : x + offset;
                    int sy = tall ? y + offset : y;
                    assertEquals(coded.getRGB(sx, sy) & 0xFFFFFF, crop.rgb(x, y), w + "x" + h + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void cropOfAResizedImageEqualsCroppingTheFullResize() {
        BufferedImage noise = new BufferedImage(448, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 448; x++) {
                noise.setRGB(x, y, (x * 31 + y * 17) * 2654435 & 0xFFFFFF);
            }
        }
        RgbImage full = PilResampler.resize(noise, 334, 224, ResampleFilter.BICUBIC);
        RgbImage crop = clip.resizeAndCrop(noise);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                assertEquals(full.rgb(55 + x, y), crop.rgb(x, y));
            }
        }
    }

    @Test
    void batchIsTheImagesOneAfterAnother() {
        BufferedImage a = rgbImage(300, 200, 0x102030);
        BufferedImage b = rgbImage(200, 300, 0xF0E0D0);
        float[] batch = clip.preprocessBatch(List.of(a, b));
        int n = clip.imageLength();
        assertArrayEquals(clip.preprocess(a), Arrays.copyOfRange(batch, 0, n));
        assertArrayEquals(clip.preprocess(b), Arrays.copyOfRange(batch, n, 2 * n));
        assertArrayEquals(new long[] {2, 3, 224, 224}, clip.inputShape(2));
    }

    @Test
    void configIsValidated() {
        Rgb half = new Rgb(0.5, 0.5, 0.5);
        assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessing(224, 256, half, half, ResampleFilter.BICUBIC));
        assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessing(224, 224, half, new Rgb(0.5, 0, 0.5), ResampleFilter.BICUBIC));
        assertThrows(IllegalArgumentException.class,
                () -> new ImagePreprocessing(0, 0, half, half, ResampleFilter.BICUBIC));
        assertThrows(IllegalArgumentException.class, () -> new Rgb(Double.NaN, 0, 0));
        ClipPreprocessor small = new ClipPreprocessor(new ImagePreprocessing(64, 32, half, half,
                ResampleFilter.BILINEAR));
        assertEquals(3 * 32 * 32, small.preprocess(rgbImage(100, 80, 0xFFFFFF)).length);
        assertEquals(1.0f, small.preprocess(rgbImage(100, 80, 0xFFFFFF))[0], 1e-6);
    }

    /**
     * Real photos against a slow, direct implementation written here from the definition of Pillow's resampling:
     * for each output pixel, a weighted sum over its source window in double precision, rounded once. Like Pillow's
     * 8-bit intermediate image, each row's horizontal sum is clamped to 0..255 (a cubic kernel overshoots at hard
     * edges), but not rounded; Pillow and the production code round there, so values may differ by one step.
     */
    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "kite.jpg", "page.png", "scream.jpg"})
    void photoMatchesADirectReferenceImplementation(String file) throws IOException {
        BufferedImage photo = ImageIO.read(ClipTestData.shared().resolve("photos").resolve(file).toFile());
        assertNotNull(photo, file);
        float[] chw = clip.preprocess(photo);
        assertEquals(3 * 224 * 224, chw.length);
        int[][][] expected = directResizeAndCrop(photo, 224, 224);
        int plane = 224 * 224;
        int maxDiff = 0;
        long sumDiff = 0;
        for (int c = 0; c < 3; c++) {
            double min = normalized(0, c);
            double max = normalized(255, c);
            double meanOurs = 0;
            double meanRef = 0;
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    float v = chw[c * plane + y * 224 + x];
                    assertTrue(v >= min - 1e-5 && v <= max + 1e-5, file + ": value " + v + " out of range");
                    int ours = (int) Math.round((v * STD[c] + MEAN[c]) * 255.0);
                    int diff = Math.abs(ours - expected[c][y][x]);
                    maxDiff = Math.max(maxDiff, diff);
                    sumDiff += diff;
                    meanOurs += v;
                    meanRef += normalized(expected[c][y][x], c);
                }
            }
            assertEquals(meanRef / plane, meanOurs / plane, 0.005, file + ": mean of channel " + c);
        }
        assertTrue(maxDiff <= 1, file + ": max difference " + maxDiff + " levels");
        assertTrue(sumDiff / (3.0 * plane) < 0.25, file + ": mean difference " + sumDiff / (3.0 * plane));
    }

    /** [channel][y][x] bytes of the centre crop, computed directly (see above). */
    private static int[][][] directResizeAndCrop(BufferedImage image, int size, int crop) {
        int w = image.getWidth();
        int h = image.getHeight();
        int nw = w <= h ? size : (int) ((double) size * w / h);
        int nh = w <= h ? (int) ((double) size * h / w) : size;
        int left = (int) Math.rint((nw - crop) / 2.0);
        int top = (int) Math.rint((nh - crop) / 2.0);
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int[][][] out = new int[3][crop][crop];
        int[] sample = new int[bands];
        for (int y = 0; y < crop; y++) {
            double[] wy = new double[h];
            int[] ry = window(h, nh, top + y, wy);
            for (int x = 0; x < crop; x++) {
                double[] wx = new double[w];
                int[] rx = window(w, nw, left + x, wx);
                double[] acc = new double[3];
                for (int sy = ry[0]; sy < ry[1]; sy++) {
                    double[] rowSum = new double[3];
                    for (int sx = rx[0]; sx < rx[1]; sx++) {
                        raster.getPixel(sx, sy, sample);
                        for (int c = 0; c < 3; c++) {
                            rowSum[c] += wx[sx] * sample[bands < 3 ? 0 : c];
                        }
                    }
                    for (int c = 0; c < 3; c++) { // an 8-bit intermediate image cannot hold overshoot
                        acc[c] += wy[sy] * Math.max(0, Math.min(255, rowSum[c]));
                    }
                }
                for (int c = 0; c < 3; c++) {
                    out[c][y][x] = (int) Math.max(0, Math.min(255, Math.floor(acc[c] + 0.5)));
                }
            }
        }
        return out;
    }

    /**
     * Source range [from, to) and normalized weights (stored at the source index) of output pixel {@code i} when
     * {@code in} pixels become {@code out}; identity when the size does not change.
     */
    private static int[] window(int in, int out, int i, double[] weights) {
        if (in == out) {
            weights[i] = 1;
            return new int[] {i, i + 1};
        }
        double scale = (double) in / out;
        double stretch = Math.max(1, scale);
        double radius = 2 * stretch;
        double centre = (i + 0.5) * scale;
        int from = Math.max(0, (int) (centre - radius + 0.5));
        int to = Math.min(in, (int) (centre + radius + 0.5));
        double total = 0;
        for (int s = from; s < to; s++) {
            weights[s] = keysCubic((s + 0.5 - centre) / stretch);
            total += weights[s];
        }
        for (int s = from; s < to; s++) {
            weights[s] /= total;
        }
        return new int[] {from, to};
    }

    /** Keys' cubic convolution kernel with a = -0.5. */
    private static double keysCubic(double t) {
        double x = Math.abs(t);
        if (x < 1) {
            return 1.5 * x * x * x - 2.5 * x * x + 1;
        }
        if (x < 2) {
            return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
        }
        return 0;
    }
}
