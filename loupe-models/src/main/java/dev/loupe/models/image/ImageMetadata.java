package dev.loupe.models.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * What the decoder takes from a file's metadata (read with metadata-extractor): EXIF orientation, EXIF
 * capture date and, for JPEG, the embedded ICC colour profile. Metadata is a nicety: unreadable or odd
 * metadata never makes a decode fail, it yields {@link #NONE}'s values — with a {@link #warning} that says so,
 * which the index run reports for the file (its orientation and date are then missing).
 *
 * @param orientation EXIF orientation 1..8 (1 when absent)
 * @param takenMillis EXIF DateTimeOriginal as epoch millis, or -1
 * @param iccProfile  the JPEG's embedded ICC profile bytes (APP2 chunks joined), or null
 * @param warning     why the EXIF data could not be (fully) read, or null
 */
record ImageMetadata(int orientation, long takenMillis, byte[] iccProfile, String warning) {

    static final ImageMetadata NONE = new ImageMetadata(1, -1, null, null);

    ImageMetadata(int orientation, long takenMillis, byte[] iccProfile) {
        this(orientation, takenMillis, iccProfile, null);
    }

    /** No metadata, because reading it failed with {@code e}. */
    static ImageMetadata unreadable(Throwable e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new ImageMetadata(1, -1, null, "its EXIF data cannot be read (" + why + "); its orientation and "
                + "capture date are left out");
    }

    private static final byte[] ICC_MARKER = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int ICC_HEADER = ICC_MARKER.length + 2;

    ImageMetadata {
        orientation = Orientation.normalize(orientation);
    }

    /** Reads only the JPEG's APP1 (EXIF) and APP2 (ICC) segments; stops at the image data. */
    static ImageMetadata ofJpeg(byte[] jpeg) {
        try {
            JpegSegmentData segments = JpegSegmentReader.readSegments(
                    new SequentialByteArrayReader(jpeg), List.of(JpegSegmentType.APP1, JpegSegmentType.APP2));
            Metadata metadata = new Metadata();
            new ExifReader().readJpegSegments(segments.getSegments(JpegSegmentType.APP1), metadata, JpegSegmentType.APP1);
            return from(metadata, iccProfile(segments.getSegments(JpegSegmentType.APP2)));
        } catch (Exception | StackOverflowError e) {
            return unreadable(e);
        }
    }

    /** Any format metadata-extractor knows (PNG eXIf, TIFF IFD0, WebP EXIF, ...). */
    static ImageMetadata of(InputStream in, long length) {
        try {
            return from(ImageMetadataReader.readMetadata(in, length), null);
        } catch (com.drew.imaging.ImageProcessingException e) {
            return NONE; // a format metadata-extractor does not know: no EXIF to miss
        } catch (Exception | StackOverflowError e) {
            return unreadable(e);
        }
    }

    private static ImageMetadata from(Metadata metadata, byte[] icc) {
        int orientation = 1;
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (value != null) {
                orientation = value;
                break;
            }
        }
        long taken = -1;
        for (ExifSubIFDDirectory sub : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            Date date = sub.getDateOriginal();
            if (date != null) {
                taken = date.getTime();
                break;
            }
        }
        List<String> errors = new ArrayList<>();
        for (com.drew.metadata.Directory d : metadata.getDirectories()) {
            if (d instanceof com.drew.metadata.exif.ExifDirectoryBase || d instanceof com.drew.metadata.ErrorDirectory) {
                d.getErrors().forEach(errors::add);
            }
        }
        String warning = errors.isEmpty() ? null : "part of its EXIF data cannot be read (" + errors.get(0)
                + (errors.size() > 1 ? ", and " + (errors.size() - 1) + " more" : "") + ")"
                + (taken < 0 ? "; its capture date is left out" : "");
        return new ImageMetadata(orientation, taken, icc, warning);
    }

    /** Joins "ICC_PROFILE\0" + sequence + count chunks in sequence order; null if absent or inconsistent. */
    private static byte[] iccProfile(Iterable<byte[]> app2Segments) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] segment : app2Segments) {
            if (segment.length > ICC_HEADER
                    && Arrays.equals(segment, 0, ICC_MARKER.length, ICC_MARKER, 0, ICC_MARKER.length)) {
                chunks.add(segment);
            }
        }
        if (chunks.isEmpty()) {
            return null;
        }
        chunks.sort(Comparator.comparingInt(c -> c[ICC_MARKER.length] & 0xFF));
        int count = chunks.get(0)[ICC_MARKER.length + 1] & 0xFF;
        if (count != chunks.size()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            joined.write(chunk, ICC_HEADER, chunk.length - ICC_HEADER);
        }
        return joined.toByteArray();
    }
}
