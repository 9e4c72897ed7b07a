package dev.loupe.models.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds test images in memory (JPEG with EXIF/ICC/Adobe segments, PNG chunks) and reads the shared folder. */
final class TestImages {

    private TestImages() {
    }

    static Path shared() {
        String dir = System.getProperty("loupe.shared");
        assertTrue(dir != null && !dir.isBlank(), "system property loupe.shared must point at the shared data folder");
        Path path = Path.of(dir);
        assertTrue(Files.isDirectory(path), "loupe.shared folder missing: " + path.toAbsolutePath());
        return path;
    }

    /** Both decoders the tests compare: libjpeg-turbo when installed, and ImageIO only. */
    static List<ImageDecoder> decoders(DecodeOptions options) {
        List<ImageDecoder> list = new ArrayList<>();
        ImageDecoder withNative = new ImageDecoder(options, true);
        if (withNative.usesNativeJpeg()) {
            list.add(withNative);
        }
        list.add(new ImageDecoder(options, false));
        return list;
    }

    static String label(ImageDecoder decoder) {
        return decoder.usesNativeJpeg() ? "libjpeg-turbo" : "ImageIO";
    }

    static byte[] jpeg(RenderedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, new IIOImage(image, null, null), param);
    }

    /** A JPEG of a bare raster (no colour model): 4 bands are stored as 4 components, unconverted. */
    static byte[] jpeg(Raster raster, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, new IIOImage(raster, null, null), param);
    }

    static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] encode(RenderedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, bytes), "no ImageIO writer for " + format);
        return bytes.toByteArray();
    }

    /** Inserts a JPEG marker segment (marker byte, payload) right after SOI. */
    static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /**
     * An EXIF APP1 payload ("Exif\0\0" + little-endian TIFF) with IFD0 Orientation and, if given, an EXIF
     * sub-IFD with DateTimeOriginal ("yyyy:MM:dd HH:mm:ss").
     */
    static byte[] exif(int orientation, String dateTimeOriginal) {
        ByteBuffer tiff = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        boolean date = dateTimeOriginal != null;
        int ifd0Entries = date ? 2 : 1;
        int subIfdOffset = 8 + 2 + 12 * ifd0Entries + 4;
        tiff.putShort((short) ifd0Entries);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        if (date) {
            tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(subIfdOffset);
        }
        tiff.putInt(0);
        if (date) {
            byte[] text = (dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII);
            int textOffset = subIfdOffset + 2 + 12 + 4;
            tiff.putShort((short) 1);
            tiff.putShort((short) 0x9003).putShort((short) 2).putInt(text.length).putInt(textOffset);
            tiff.putInt(0);
            tiff.put(text);
        }
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + tiff.position()];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(tiff.array(), 0, out, header.length, tiff.position());
        return out;
    }

    /** An APP2 ICC_PROFILE payload holding the whole profile in one chunk. */
    static byte[] iccApp2(byte[] profile) {
        byte[] marker = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[marker.length + 2 + profile.length];
        System.arraycopy(marker, 0, out, 0, marker.length);
        out[marker.length] = 1;
        out[marker.length + 1] = 1;
        System.arraycopy(profile, 0, out, marker.length + 2, profile.length);
        return out;
    }

    /** One PNG chunk: length, type, data, CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    /** Largest per-channel difference between two RGB values. */
    static int distance(int a, int b) {
        return Math.max(Math.abs(red(a) - red(b)), Math.max(Math.abs(green(a) - green(b)), Math.abs(blue(a) - blue(b))));
    }

    /** Mean colour of an image as {r, g, b}. */
    static double[] mean(BufferedImage img) {
        double[] sum = new double[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                sum[0] += red(p);
                sum[1] += green(p);
                sum[2] += blue(p);
            }
        }
        double n = (double) img.getWidth() * img.getHeight();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
