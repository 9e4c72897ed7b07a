package dev.loupe.models.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.loupe.models.image.TestImages.decoders;
import static dev.loupe.models.image.TestImages.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shared folder's 21 photos and its odd files, through both decode paths. */
class SharedImagesTest {

    /** Pixel sizes of the shared photos (from their headers). */
    private static final Map<String, int[]> PHOTO_SIZES = Map.ofEntries(
            Map.entry("astronaut.png", new int[] {512, 512}), Map.entry("brick.png", new int[] {512, 512}),
            Map.entry("camera.png", new int[] {512, 512}), Map.entry("chelsea.png", new int[] {451, 300}),
            Map.entry("coffee.png", new int[] {600, 400}), Map.entry("coins.png", new int[] {384, 303}),
            Map.entry("dog.jpg", new int[] {768, 576}), Map.entry("eagle.jpg", new int[] {773, 512}),
            Map.entry("giraffe.jpg", new int[] {500, 500}), Map.entry("grass.png", new int[] {512, 512}),
            Map.entry("gravel.png", new int[] {512, 512}), Map.entry("horses.jpg", new int[] {773, 512}),
            Map.entry("hubble_deep_field.jpg", new int[] {1000, 872}), Map.entry("kite.jpg", new int[] {1352, 900}),
            Map.entry("moon.png", new int[] {512, 512}), Map.entry("motorcycle_left.png", new int[] {741, 500}),
            Map.entry("page.png", new int[] {384, 191}), Map.entry("person.jpg", new int[] {640, 424}),
            Map.entry("retina.jpg", new int[] {1411, 1411}), Map.entry("rocket.jpg", new int[] {640, 427}),
            Map.entry("scream.jpg", new int[] {352, 448}));

    /** EXIF DateTimeOriginal of the photos that have one (read as UTC). */
    private static final Map<String, String> TAKEN = Map.of(
            "dog.jpg", "2014-09-19T16:08:30Z", "eagle.jpg", "2013-07-19T21:57:42Z",
            "horses.jpg", "2013-04-13T15:02:50Z", "person.jpg", "2013-04-13T14:59:36Z",
            "kite.jpg", "2010-06-06T12:27:25Z");

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(TestImages.shared().resolve(folder))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void allTwentyOnePhotosDecodeWithTheirSizesDatesAndColours() throws Exception {
        List<Path> photos = files("photos").stream().filter(ImageFiles::isImage).toList();
        assertEquals(21, photos.size(), "photos in shared/photos");
        int minSide = DecodeOptions.DEFAULT_MIN_SIDE;
        List<ImageDecoder> decoders = decoders(DecodeOptions.defaults());
        for (Path photo : photos) {
            double[] want = referenceMean(photo);
            for (ImageDecoder decoder : decoders) {
                String name = photo.getFileName().toString();
                String what = name + " via " + label(decoder);
                DecodedImage d = decoder.decode(photo);
                int[] size = PHOTO_SIZES.get(name);
                assertEquals(size[0], d.width(), what + " width");
                assertEquals(size[1], d.height(), what + " height");
                assertEquals(name.endsWith(".jpg") ? "jpeg" : "png", d.format(), what);
                assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType(), what);

                int shortSide = Math.min(d.image().getWidth(), d.image().getHeight());
                int originalShort = Math.min(size[0], size[1]);
                if (originalShort <= minSide) {
                    assertEquals(originalShort, shortSide, what + ": small images keep their size");
                } else {
                    assertTrue(shortSide >= minSide && shortSide < 2 * minSide, what + ": short side " + shortSide);
                }
                double aspect = (double) size[0] / size[1];
                double decodedAspect = (double) d.image().getWidth() / d.image().getHeight();
                assertEquals(aspect, decodedAspect, aspect * 0.02, what + ": aspect ratio kept");

                long expectedTaken = TAKEN.containsKey(name) ? Instant.parse(TAKEN.get(name)).toEpochMilli() : -1;
                if (expectedTaken < 0) {
                    assertEquals(-1, d.takenMillis(), what + " has no capture date");
                } else {
                    assertEquals(expectedTaken, d.takenMillis(), 1000, what + " capture date");
                }

                double[] got = TestImages.mean(d.image());
                for (int c = 0; c < 3; c++) {
                    assertEquals(want[c], got[c], 3.0, what + ": mean of channel " + "RGB".charAt(c)
                            + " vs. a full-size ImageIO decode");
                }
            }
        }
    }

    @Test
    void oneDecoderIsSafeToShareBetweenThreads() throws Exception {
        List<Path> photos = files("photos").stream().filter(ImageFiles::isImage).toList();
        ImageDecoder decoder = new ImageDecoder();
        Map<Path, int[]> sequential = new java.util.HashMap<>();
        for (Path p : photos) {
            BufferedImage img = decoder.decode(p).image();
            sequential.put(p, img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < photos.size(); i++) {
                        Path p = photos.get((i + offset * 5) % photos.size());
                        BufferedImage img = decoder.decode(p).image();
                        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
                        if (!java.util.Arrays.equals(sequential.get(p), px)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get(60, java.util.concurrent.TimeUnit.SECONDS), "concurrent decode equals sequential");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Mean colour of the full-size image as the JDK reads it (gray samples taken as-is). */
    private static double[] referenceMean(Path file) throws IOException {
        BufferedImage full = ImageIO.read(file.toFile());
        double[] sum = new double[3];
        Raster r = full.getRaster();
        for (int y = 0; y < full.getHeight(); y++) {
            for (int x = 0; x < full.getWidth(); x++) {
                int rgb = expected(full, x, y);
                sum[0] += TestImages.red(rgb);
                sum[1] += TestImages.green(rgb);
                sum[2] += TestImages.blue(rgb);
            }
        }
        double n = (double) r.getWidth() * r.getHeight();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    /**
     * What one pixel should become, computed straight from the reader's raster: samples scaled to 8 bits
     * with rounding (gray copied to R=G=B, doubles 0..1), palette looked up, alpha laid over white.
     */
    private static int expected(BufferedImage img, int x, int y) {
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int red;
        int green;
        int blue;
        int alpha = 255;
        if (cm instanceof IndexColorModel icm) {
            int argb = icm.getRGB(r.getSample(x, y, 0));
            red = TestImages.red(argb);
            green = TestImages.green(argb);
            blue = TestImages.blue(argb);
            alpha = argb >>> 24;
        } else {
            int bands = r.getNumBands();
            int[] v = new int[bands];
            for (int b = 0; b < bands; b++) {
                if (r.getTransferType() == DataBuffer.TYPE_DOUBLE || r.getTransferType() == DataBuffer.TYPE_FLOAT) {
                    v[b] = (int) Math.round(Math.max(0, Math.min(1, r.getSampleDouble(x, y, b))) * 255);
                } else {
                    int max = (1 << cm.getComponentSize(b)) - 1;
                    v[b] = (int) Math.round(r.getSample(x, y, b) * 255.0 / max);
                }
            }
            int colors = cm.getNumColorComponents();
            red = v[0];
            green = colors == 1 ? v[0] : v[1];
            blue = colors == 1 ? v[0] : v[2];
            if (cm.hasAlpha()) {
                alpha = v[colors];
            }
        }
        if (alpha < 255) {
            red = Math.round((red * alpha + 255f * (255 - alpha)) / 255f);
            green = Math.round((green * alpha + 255f * (255 - alpha)) / 255f);
            blue = Math.round((blue * alpha + 255f * (255 - alpha)) / 255f);
        }
        return (red << 16) | (green << 8) | blue;
    }

    @Test
    void everyOddFileEndsDecodedOrWithAReasonAndNeverHangs() throws Exception {
        List<Path> odd = files("images-odd");
        assertTrue(odd.size() >= 8, "images-odd holds its files");
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            for (Path file : odd) {
                String outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    try {
                        DecodedImage d = decoder.decode(file);
                        assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType());
                        return "decoded";
                    } catch (ImageDecodeException e) {
                        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                        assertFalse(e.reason().isBlank());
                        return "refused";
                    }
                }, () -> file + " via " + label(decoder) + " took too long (hang?)");
                String expected = file.getFileName().toString().equals("truncated.jpg") ? "refused" : "decoded";
                assertEquals(expected, outcome, file + " via " + label(decoder));
            }
        }
    }

    @Test
    void oddFilesDecodeToTheExactExpectedPixels() throws Exception {
        Map<String, String> formats = Map.of("chessboard_GRAY_U16.tif", "tiff", "chessboard_RGB.png", "png",
                "foo3x5x4indexed.png", "png", "green_palette.png", "png", "multipage_rgb.tif", "tiff",
                "no_time_for_that_tiny.gif", "gif", "palette_color.png", "png");
        ImageDecoder decoder = new ImageDecoder();
        for (Map.Entry<String, String> e : formats.entrySet()) {
            Path file = TestImages.shared().resolve("images-odd").resolve(e.getKey());
            BufferedImage first = firstImage(file);
            DecodedImage d = decoder.decode(file);
            assertEquals(e.getValue(), d.format(), e.getKey());
            assertEquals(first.getWidth(), d.width(), e.getKey());
            assertEquals(first.getHeight(), d.height(), e.getKey());
            // all of these are smaller than minSide: compare every pixel
            assertEquals(first.getWidth(), d.image().getWidth(), e.getKey());
            List<String> wrong = new ArrayList<>();
            for (int y = 0; y < first.getHeight(); y++) {
                for (int x = 0; x < first.getWidth(); x++) {
                    int want = expected(first, x, y);
                    int got = d.image().getRGB(x, y) & 0xFFFFFF;
                    if (TestImages.distance(want, got) > 1 && wrong.size() < 5) {
                        wrong.add(String.format("(%d,%d) want %06x got %06x", x, y, want, got));
                    }
                }
            }
            assertTrue(wrong.isEmpty(), e.getKey() + ": " + wrong);
        }
    }

    @Test
    void oddFilesKeepTheirPeculiarities() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        Path odd = TestImages.shared().resolve("images-odd");

        // 16-bit gray whose samples only reach 255 of 65535: decoded faithfully as near-black 0/1 squares
        BufferedImage chess = decoder.decode(odd.resolve("chessboard_GRAY_U16.tif")).image();
        int dark = chess.getRGB(0, 0) & 0xFFFFFF;
        boolean sawOther = false;
        for (int x = 0; x < chess.getWidth(); x++) {
            int p = chess.getRGB(x, 0) & 0xFFFFFF;
            assertTrue(TestImages.red(p) == TestImages.green(p) && TestImages.green(p) == TestImages.blue(p), "gray");
            sawOther |= p != dark;
        }
        assertTrue(sawOther, "chessboard squares differ along the first row");

        // the transparent palette entries of this 5x3 PNG are laid over white
        BufferedImage indexed = decoder.decode(odd.resolve("foo3x5x4indexed.png")).image();
        assertEquals(5, indexed.getWidth());
        assertEquals(3, indexed.getHeight());

        // animated GIF: the first of its frames
        try (ImageInputStream in = ImageIO.createImageInputStream(odd.resolve("no_time_for_that_tiny.gif").toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertTrue(reader.getNumImages(true) > 1, "the GIF is animated");
            reader.dispose();
        }

        ImageDecodeException truncated = assertThrows(ImageDecodeException.class,
                () -> decoder.decode(odd.resolve("truncated.jpg")));
        assertTrue(truncated.reason().contains("truncated"), truncated.getMessage());
        assertTrue(truncated.reason().contains("re-copy"), truncated.getMessage());
    }

    /** The first image of a file, read by the reader ImageIO prefers. */
    private static BufferedImage firstImage(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            fail(file + ": " + e);
            return null;
        }
    }
}
