package dev.loupe.models.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.IIOImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import static dev.loupe.models.image.TestImages.decoders;
import static dev.loupe.models.image.TestImages.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bombs, truncation, corruption and non-images: each ends in an ImageDecodeException that says what to do. */
class DecodeErrorsTest {

    private static final String TRUNCATED = "JPEG data ends early (file truncated?) — re-copy the file";

    /** A photo-like 1600x1200 image: gradients plus noise, so that JPEG data is spread over the whole file. */
    private static BufferedImage photoLike() {
        BufferedImage img = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < 1200; y++) {
            for (int x = 0; x < 1600; x++) {
                img.setRGB(x, y, (x * 255 / 1599) << 16 | (y * 255 / 1199) << 8 | random.nextInt(64));
            }
        }
        return img;
    }

    /** A PNG whose IHDR claims width x height, followed by a tiny IDAT: a decompression-bomb header. */
    private static byte[] bombPng(int width, int height) throws Exception {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1024]);
        deflater.finish();
        byte[] idat = new byte[64];
        idat = Arrays.copyOf(idat, deflater.deflate(idat));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.write(TestImages.pngChunk("IHDR", ihdr.array()));
        png.write(TestImages.pngChunk("IDAT", idat));
        png.write(TestImages.pngChunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void decompressionBombPngIsRefusedFastWithoutAllocatingPixels() throws Exception {
        byte[] bomb = bombPng(100_000, 100_000);
        ImageDecoder decoder = new ImageDecoder();
        decoder.decode(TestImages.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png"), "warm.png");
        long allocated = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long before = allocatedBytes();
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb, "x.png"));
            long used = allocatedBytes() - before;
            assertEquals("x.png: 100000x100000 = 10000 megapixels exceeds the 150-megapixel limit (decompression "
                    + "bomb?); raise it with --max-pixels if the image is real", e.getMessage());
            return used;
        });
        // a full raster would be 30 GB; header parsing and the exception need well under 16 MB
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
    }

    @Test
    void oversizedJpegAndBmpHeadersAreRefusedOnEveryPath() throws Exception {
        byte[] jpeg = TestImages.jpeg(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), 0.9f);
        int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
        ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 60000).putShort((short) 60000); // height, width
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            ImageDecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ImageDecodeException.class, () -> decoder.decode(jpeg, "bomb.jpg")));
            assertEquals("60000x60000 = 3600 megapixels exceeds the 150-megapixel limit (decompression bomb?); "
                    + "raise it with --max-pixels if the image is real", e.reason(), label(decoder));
        }

        byte[] bmp = TestImages.encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "bmp");
        ByteBuffer.wrap(bmp, 18, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(40_000).putInt(40_000);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(bmp, "b.bmp"));
        assertTrue(e.reason().startsWith("40000x40000 = 1600 megapixels exceeds"), e.getMessage());
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        byte[] jpeg = TestImages.jpeg(new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB), 0.8f);
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults().withMaxPixels(1_000_000))) {
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(jpeg, "big.jpg"));
            assertTrue(e.reason().startsWith("1600x1200 = 1.9 megapixels exceeds the 1-megapixel limit"), e.reason());
        }
        assertEquals(1600, new ImageDecoder(DecodeOptions.defaults().withMaxPixels(1_920_000)).decode(jpeg, "ok.jpg").width());
    }

    @Test
    void truncatedJpegsAreRefusedNotReturnedHalfGrey() throws Exception {
        byte[] baseline = TestImages.jpeg(photoLike(), 0.9f);
        byte[] progressive = progressiveJpeg(photoLike());
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            for (byte[] jpeg : new byte[][] {baseline, progressive}) {
                assertEquals(1600, decoder.decode(jpeg, "whole.jpg").width(), label(decoder) + ": complete file");
                for (double keep : new double[] {0.3, 0.7, 0.99}) {
                    byte[] cut = Arrays.copyOf(jpeg, (int) (jpeg.length * keep));
                    ImageDecodeException e = assertThrows(ImageDecodeException.class,
                            () -> decoder.decode(cut, "cut.jpg"), label(decoder) + " keep " + keep);
                    assertEquals("cut.jpg: " + TRUNCATED, e.getMessage(), label(decoder));
                }
            }
        }
    }

    @Test
    void jpegMissingOnlyItsEndMarkerIsComplete() throws Exception {
        byte[] jpeg = TestImages.jpeg(photoLike(), 0.9f);
        byte[] noEoi = Arrays.copyOf(jpeg, jpeg.length - 2);
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            BufferedImage whole = decoder.decode(jpeg, "a.jpg").image();
            BufferedImage open = decoder.decode(noEoi, "b.jpg").image();
            assertEquals(whole.getWidth(), open.getWidth());
            int x = whole.getWidth() - 3;
            int y = whole.getHeight() - 3;
            assertEquals(whole.getRGB(x, y), open.getRGB(x, y), label(decoder) + ": last pixels are there");
        }
    }

    @Test
    void jpegWhoseScanStopsMidwayIsRefusedAsCorrupt() throws Exception {
        // a marker in the middle of the entropy-coded data (as in spliced or overwritten files): libjpeg
        // reports "premature end of data segment" and would fill the rest of the picture with grey
        byte[] jpeg = TestImages.jpeg(photoLike(), 0.9f);
        int middle = jpeg.length / 2;
        jpeg[middle] = (byte) 0xFF;
        jpeg[middle + 1] = (byte) 0xD9;
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(jpeg, "c.jpg"));
            assertTrue(e.reason().startsWith("JPEG data is corrupt (") && e.reason().contains("re-copy or re-save"),
                    label(decoder) + ": " + e.getMessage());
        }
    }

    @Test
    void harmlessJpegWarningsDoNotRejectTheImage() throws Exception {
        // some encoders pad the scan data: libjpeg warns "N extraneous bytes before marker 0xd9" but all
        // pixels are there
        byte[] jpeg = TestImages.jpeg(photoLike(), 0.9f);
        byte[] padded = new byte[jpeg.length + 3];
        System.arraycopy(jpeg, 0, padded, 0, jpeg.length - 2);
        padded[jpeg.length - 2] = 0x12;
        padded[jpeg.length - 1] = 0x34;
        padded[jpeg.length] = 0x56;
        padded[jpeg.length + 1] = (byte) 0xFF;
        padded[jpeg.length + 2] = (byte) 0xD9;
        for (ImageDecoder decoder : decoders(DecodeOptions.defaults())) {
            BufferedImage whole = decoder.decode(jpeg, "a.jpg").image();
            BufferedImage image = decoder.decode(padded, "padded.jpg").image();
            assertEquals(whole.getRGB(whole.getWidth() - 2, whole.getHeight() - 2),
                    image.getRGB(image.getWidth() - 2, image.getHeight() - 2), label(decoder));
        }
    }

    @Test
    void truncatedFilesOfOtherFormatsSaySo() throws Exception {
        BufferedImage img = photoLike().getSubimage(0, 0, 600, 400);
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            byte[] bytes = TestImages.encode(img, format);
            byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
            ImageDecodeException e = assertThrows(ImageDecodeException.class,
                    () -> new ImageDecoder().decode(cut, "cut." + format));
            assertEquals(format.toUpperCase() + " data ends early (file truncated?) — re-copy the file", e.reason());
        }
        byte[] gif = TestImages.encode(img, "gif");
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> new ImageDecoder().decode(Arrays.copyOf(gif, gif.length / 2), "cut.gif"));
        assertTrue(e.reason().startsWith("GIF data is damaged ("), e.reason());
    }

    @Test
    void notAnImageSaysSo(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("foo.txt"), "hello, this is text\n");
        ImageDecoder decoder = new ImageDecoder();
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(text));
        assertEquals(text + ": not an image (unrecognized format)", e.getMessage());
        assertEquals(text.toString(), e.file());

        Path fake = Files.write(dir.resolve("holiday.jpg"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(fake));
        assertTrue(e.reason().startsWith("not an image (unrecognized format) — the name ends in .jpg"), e.reason());

        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(empty));
        assertEquals("empty file (0 bytes) — re-copy the file", e.reason());

        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(dir.resolve("missing.jpg")));
        assertTrue(e.reason().startsWith("file not found"), e.reason());

        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(dir));
        assertEquals("is a directory, not an image file", e.reason());

        byte[] heic = new byte[64];
        System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
        e = assertThrows(ImageDecodeException.class, () -> decoder.decode(heic, "IMG_0001.HEIC"));
        assertTrue(e.reason().contains("not supported") && e.reason().contains("convert"), e.reason());

        e = assertThrows(ImageDecodeException.class, () -> decoder.decode("plain words".getBytes(), null));
        assertEquals("upload: not an image (unrecognized format)", e.getMessage());
    }

    @Test
    void randomGarbageNeverHangsOrEscapesAsAnotherException() {
        ImageDecoder[] all = decoders(DecodeOptions.defaults()).toArray(ImageDecoder[]::new);
        Random random = new Random(3);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            byte[] seed = TestImages.jpeg(photoLike().getSubimage(0, 0, 300, 300), 0.8f);
            byte[] png = TestImages.encode(photoLike().getSubimage(0, 0, 200, 200), "png");
            for (int round = 0; round < 60; round++) {
                byte[] sample = (round % 2 == 0 ? seed : png).clone();
                for (int k = 0; k < 1 + random.nextInt(30); k++) {
                    sample[random.nextInt(sample.length)] = (byte) random.nextInt(256);
                }
                if (round % 5 == 0) {
                    sample = Arrays.copyOf(sample, random.nextInt(sample.length));
                }
                for (ImageDecoder decoder : all) {
                    try {
                        assertEquals(java.awt.image.BufferedImage.TYPE_INT_RGB,
                                decoder.decode(sample, "fuzz").image().getType());
                    } catch (ImageDecodeException expected) {
                        assertTrue(expected.getMessage().startsWith("fuzz: "), expected.getMessage());
                    }
                }
            }
        });
    }

    private static byte[] progressiveJpeg(BufferedImage img) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        return TestImages.write(writer, new IIOImage(img, null, null), param);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
