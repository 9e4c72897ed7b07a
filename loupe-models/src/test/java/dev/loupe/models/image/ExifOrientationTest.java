package dev.loupe.models.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.loupe.models.image.TestImages.decoders;
import static dev.loupe.models.image.TestImages.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EXIF orientation 1..8 and DateTimeOriginal, written into real JPEG/PNG files by the test. */
class ExifOrientationTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int YELLOW = 0xFFFF00;

    /** Stored image: wide, with a coloured block in each corner (TL red, TR green, BL blue, BR yellow). */
    private static BufferedImage cornered(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        int bw = w / 4;
        int bh = h / 4;
        g.setColor(new Color(RED));
        g.fillRect(0, 0, bw, bh);
        g.setColor(new Color(GREEN));
        g.fillRect(w - bw, 0, bw, bh);
        g.setColor(new Color(BLUE));
        g.fillRect(0, h - bh, bw, bh);
        g.setColor(new Color(YELLOW));
        g.fillRect(w - bw, h - bh, bw, bh);
        g.dispose();
        return img;
    }

    /**
     * Colours a viewer shows at the TL, TR, BL, BR corners, from the EXIF definition of each value ("the 0th row
     * is the visual ..., the 0th column is the visual ...").
     */
    private static int[] shownCorners(int orientation) {
        return switch (orientation) {
            case 1 -> new int[] {RED, GREEN, BLUE, YELLOW};
            case 2 -> new int[] {GREEN, RED, YELLOW, BLUE};      // row 0 top, column 0 right
            case 3 -> new int[] {YELLOW, BLUE, GREEN, RED};      // row 0 bottom, column 0 right
            case 4 -> new int[] {BLUE, YELLOW, RED, GREEN};      // row 0 bottom, column 0 left
            case 5 -> new int[] {RED, BLUE, GREEN, YELLOW};      // row 0 left, column 0 top
            case 6 -> new int[] {BLUE, RED, YELLOW, GREEN};      // row 0 right, column 0 top
            case 7 -> new int[] {YELLOW, GREEN, BLUE, RED};      // row 0 right, column 0 bottom
            case 8 -> new int[] {GREEN, YELLOW, RED, BLUE};      // row 0 left, column 0 bottom
            default -> throw new IllegalArgumentException();
        };
    }

    private static int[] corners(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int dx = Math.max(1, w / 12);
        int dy = Math.max(1, h / 12);
        return new int[] {img.getRGB(dx, dy) & 0xFFFFFF, img.getRGB(w - 1 - dx, dy) & 0xFFFFFF,
                img.getRGB(dx, h - 1 - dy) & 0xFFFFFF, img.getRGB(w - 1 - dx, h - 1 - dy) & 0xFFFFFF};
    }

    private static void assertCorners(int[] want, BufferedImage img, String what) {
        int[] got = corners(img);
        for (int i = 0; i < 4; i++) {
            assertTrue(TestImages.distance(want[i], got[i]) < 40,
                    what + ": corner " + i + " want " + Integer.toHexString(want[i]) + " got "
                            + Integer.toHexString(got[i]) + " (all: " + Arrays.toString(hex(got)) + ")");
        }
    }

    private static String[] hex(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toHexString).toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegOrientationIsApplied(int orientation) throws Exception {
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(cornered(300, 200), 0.95f), 0xE1,
                TestImages.exif(orientation, null));
        boolean swapped = orientation >= 5;
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            DecodedImage d = decoder.decode(jpeg, "o" + orientation + ".jpg");
            String what = "orientation " + orientation + " via " + label(decoder);
            assertEquals(swapped ? 200 : 300, d.width(), what);
            assertEquals(swapped ? 300 : 200, d.height(), what);
            assertEquals(d.width(), d.image().getWidth(), what + ": small image kept at full size");
            assertEquals(d.height(), d.image().getHeight(), what);
            assertCorners(shownCorners(orientation), d.image(), what);
            assertEquals(-1, d.takenMillis(), what);
            assertEquals(List.of(), d.warnings(), what + ": sound EXIF data gives no warning");
        }
    }

    @Test
    void exifDataThatCannotBeReadIsAWarningNotAFailure() throws Exception {
        byte[] tiff = {'I', 'I', 42, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F}; // IFD0 far beyond the data
        byte[] payload = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, payload, 0, 6);
        System.arraycopy(tiff, 0, payload, 6, tiff.length);
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(cornered(300, 200), 0.95f), 0xE1, payload);
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            DecodedImage d = decoder.decode(jpeg, "broken-exif.jpg");
            String what = label(decoder);
            assertEquals(300, d.width(), what + ": the pixels are read all the same");
            assertEquals(1, d.warnings().size(), what + ": " + d.warnings());
            assertTrue(d.warnings().get(0).contains("EXIF"), d.warnings().toString());
            assertEquals(-1, d.takenMillis(), what);
        }
    }

    @Test
    void largeRotatedJpegIsShrunkThenTurnedAndKeepsItsDate() throws Exception {
        byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(cornered(1600, 1000), 0.9f), 0xE1,
                TestImages.exif(6, "2021:07:04 12:34:56"));
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            DecodedImage d = decoder.decode(jpeg, "portrait.jpg");
            String what = label(decoder);
            assertEquals(1000, d.width(), what + ": original width after turning");
            assertEquals(1600, d.height(), what);
            BufferedImage img = d.image();
            assertTrue(img.getHeight() > img.getWidth(), what + ": portrait");
            assertTrue(img.getWidth() >= 256 && img.getWidth() < 512, what + ": short side " + img.getWidth());
            assertEquals(1.6, (double) img.getHeight() / img.getWidth(), 0.02, what);
            assertCorners(shownCorners(6), img, what);
            assertEquals(Instant.parse("2021-07-04T12:34:56Z").toEpochMilli(), d.takenMillis(), what);
        }
    }

    @Test
    void pngExifChunkOrientationAndDateAreReadToo() throws Exception {
        byte[] png = TestImages.encode(cornered(300, 200), "png");
        byte[] exif = TestImages.exif(8, "2020:02:29 23:59:58");
        byte[] tiff = Arrays.copyOfRange(exif, 6, exif.length); // eXIf holds the TIFF structure without "Exif\0\0"
        ByteArrayOutputStream withChunk = new ByteArrayOutputStream();
        int ihdrEnd = 8 + 25; // signature + IHDR chunk
        withChunk.write(png, 0, ihdrEnd);
        withChunk.write(TestImages.pngChunk("eXIf", tiff));
        withChunk.write(png, ihdrEnd, png.length - ihdrEnd);
        DecodedImage d = new ImageDecoder().decode(withChunk.toByteArray(), "rotated.png");
        assertEquals(200, d.width());
        assertEquals(300, d.height());
        assertCorners(shownCorners(8), d.image(), "png orientation 8");
        assertEquals(Instant.parse("2020-02-29T23:59:58Z").toEpochMilli(), d.takenMillis());
    }

    @Test
    void invalidOrientationValuesAreIgnored() throws Exception {
        for (int bad : new int[] {0, 9, 255}) {
            byte[] jpeg = TestImages.insertSegment(TestImages.jpeg(cornered(300, 200), 0.95f), 0xE1,
                    TestImages.exif(bad, null));
            DecodedImage d = new ImageDecoder().decode(jpeg, "bad.jpg");
            assertEquals(300, d.width());
            assertCorners(shownCorners(1), d.image(), "orientation " + bad);
        }
    }
}
