package dev.loupe.models.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.DirectColorModel;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one safe way Loupe turns image files and uploads into pixels (the {@code decode} step between finding
 * files and encoding them).
 *
 * <p>Every result is small {@code TYPE_INT_RGB} sRGB (shorter side just above {@link DecodeOptions#minSide()}),
 * upright (EXIF orientation applied), with transparency flattened onto white; the original size and the EXIF
 * capture date come along. Every failure is an {@link ImageDecodeException} whose message names the file and
 * says what to do. Truncated or corrupt JPEGs are refused rather than returned half grey, and images whose
 * header claims more than {@link DecodeOptions#maxPixels()} pixels are refused before pixel memory is allocated.
 *
 * <p>Formats: JPEG (baseline, progressive, CMYK/YCCK, lossless), PNG, GIF (first frame), BMP, TIFF (first
 * page), WebP, through ImageIO and the TwelveMonkeys plugins. When the system has libjpeg-turbo
 * ({@code libturbojpeg0}), ordinary JPEGs take a faster path that decodes directly at reduced size in the DCT
 * domain (about 4x less CPU than the JDK's reader); CMYK and anything it rejects still go through ImageIO.
 *
 * <p>Instances are immutable and thread-safe; share one.
 */
public final class ImageDecoder {

    /** Files up to this size are read into memory in one go; bigger ones are streamed from disk. */
    private static final long MAX_IN_MEMORY = 256L * 1024 * 1024;

    private final DecodeOptions options;
    private final NativeJpeg nativeJpeg; // null: ImageIO only
    private final ImageIoDecoder imageIo;

    /** Default options, libjpeg-turbo when installed. */
    public ImageDecoder() {
        this(DecodeOptions.defaults());
    }

    /** The given options, libjpeg-turbo when installed. */
    public ImageDecoder(DecodeOptions options) {
        this(options, true);
    }

    /**
     * @param useNativeJpeg false to always use ImageIO, even where libjpeg-turbo is installed (for comparisons,
     *                      or to get identical pixels on every machine)
     */
    public ImageDecoder(DecodeOptions options, boolean useNativeJpeg) {
        this(options, useNativeJpeg ? NativeJpeg.load() : Optional.empty());
    }

    ImageDecoder(DecodeOptions options, Optional<NativeJpeg> nativeJpeg) {
        this.options = Objects.requireNonNull(options, "options");
        this.nativeJpeg = nativeJpeg.orElse(null);
        this.imageIo = new ImageIoDecoder(options);
    }

    public DecodeOptions options() {
        return options;
    }

    /** True if JPEGs are decoded with the system's libjpeg-turbo (fast path), false if by ImageIO only. */
    public boolean usesNativeJpeg() {
        return nativeJpeg != null;
    }

    /** Decodes an image file; the exception's file name is {@code file} as given. */
    public DecodedImage decode(Path file) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageDecodeException(name, "is a directory, not an image file");
            }
            size = Files.size(file);
            if (size == 0) {
                throw new ImageDecodeException(name, Reasons.empty());
            }
            InputData data = size <= MAX_IN_MEMORY
                    ? new InputData.InMemory(Files.readAllBytes(file))
                    : new InputData.OnDisk(file, size);
            return decode(data, name);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name, "file not found — was it moved or deleted? check the path", e);
        } catch (AccessDeniedException e) {
            throw new ImageDecodeException(name, "permission denied — make the file readable for this user", e);
        } catch (IOException e) {
            throw new ImageDecodeException(name, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes an upload or any in-memory file; {@code name} (e.g. the upload's file name) is used in errors. */
    public DecodedImage decode(byte[] bytes, String name) throws ImageDecodeException {
        Objects.requireNonNull(bytes, "bytes");
        String label = name == null || name.isBlank() ? "upload" : name;
        if (bytes.length == 0) {
            throw new ImageDecodeException(label, Reasons.empty());
        }
        return decode(new InputData.InMemory(bytes), label);
    }

    private DecodedImage decode(InputData data, String name) throws ImageDecodeException {
        byte[] bytes = data.bytesOrNull();
        if (nativeJpeg != null && bytes != null && isJpeg(bytes)) {
            DecodedImage fast = decodeNative(bytes, name);
            if (fast != null) {
                return fast;
            }
        }
        ImageIoDecoder.Read read = imageIo.read(data, name);
        if ("jpeg".equals(read.format()) && read.warnings().stream().anyMatch(Reasons::jpegLosesData)) {
            read = retryJpegWithEoi(read, bytes, name);
        }
        ImageMetadata metadata = metadata(data, read.format());
        BufferedImage image = RgbConverter.toIntRgb(read.image());
        return finish(image, read.width(), read.height(), metadata, read.format());
    }

    /**
     * libjpeg-turbo path; null means "let ImageIO try" (CMYK, or a file libjpeg-turbo rejects: ImageIO may read
     * it, e.g. lossless JPEG, or will explain what is wrong).
     */
    private DecodedImage decodeNative(byte[] jpeg, String name) throws ImageDecodeException {
        NativeJpeg.Header header;
        try {
            header = nativeJpeg.header(jpeg);
        } catch (NativeJpeg.NativeJpegException e) {
            return null;
        }
        if (header.isCmyk()) {
            return null;
        }
        if (header.width() <= 0 || header.height() <= 0) {
            throw new ImageDecodeException(name, Reasons.badSize("jpeg", header.width(), header.height()));
        }
        if ((long) header.width() * header.height() > options.maxPixels()) {
            throw new ImageDecodeException(name, Reasons.tooManyPixels(header.width(), header.height(), options));
        }
        NativeJpeg.Scale scale = nativeJpeg.scaleFor(header.width(), header.height(), options.minSide());
        NativeJpeg.Result result;
        try {
            result = nativeJpeg.decode(jpeg, scale);
            if (Reasons.jpegLosesData(result.warning())) {
                NativeJpeg.Result again = nativeJpeg.decode(withEoi(jpeg), scale);
                if (Reasons.jpegLosesData(again.warning())) {
                    throw new ImageDecodeException(name, damage(result.warning()));
                }
                result = again; // only the end-of-image marker was missing: the pixels are complete
            }
        } catch (NativeJpeg.NativeJpegException e) {
            return null;
        } catch (OutOfMemoryError e) {
            throw new ImageDecodeException(name, Reasons.outOfMemory(header.width(), header.height()));
        }
        ImageMetadata metadata = ImageMetadata.ofJpeg(jpeg);
        BufferedImage image = toSrgb(result.image(), metadata.iccProfile());
        return finish(image, header.width(), header.height(), metadata, "jpeg");
    }

    /**
     * A JPEG reader warned that data is missing. Files that lack only the final end-of-image marker are
     * complete, so decode once more with the marker added; anything still missing is an error.
     */
    private ImageIoDecoder.Read retryJpegWithEoi(ImageIoDecoder.Read first, byte[] bytes, String name)
            throws ImageDecodeException {
        String warning = first.warnings().stream().filter(Reasons::jpegLosesData).findFirst().orElseThrow();
        if (bytes == null) {
            throw new ImageDecodeException(name, damage(warning));
        }
        ImageIoDecoder.Read again;
        try {
            again = imageIo.read(new InputData.InMemory(withEoi(bytes)), name);
        } catch (ImageDecodeException e) {
            throw new ImageDecodeException(name, damage(warning), e);
        }
        if (again.warnings().stream().anyMatch(Reasons::jpegLosesData)) {
            throw new ImageDecodeException(name, damage(warning));
        }
        return again;
    }

    private static String damage(String warning) {
        return Reasons.meansTruncation(warning) ? Reasons.truncated("jpeg") : Reasons.corrupt("jpeg", warning);
    }

    private DecodedImage finish(BufferedImage pixels, int width, int height, ImageMetadata metadata, String format) {
        BufferedImage small = Downscale.toMinSide(pixels, options.minSide());
        BufferedImage upright = Orientation.apply(small, metadata.orientation());
        boolean swap = Orientation.swapsAxes(metadata.orientation());
        return new DecodedImage(upright, swap ? height : width, swap ? width : height, metadata.takenMillis(), format,
                metadata.warning() == null ? List.of() : List.of(metadata.warning()));
    }

    private static ImageMetadata metadata(InputData data, String format) {
        if ("gif".equals(format) || "bmp".equals(format)) {
            return ImageMetadata.NONE; // neither format carries EXIF
        }
        byte[] bytes = data.bytesOrNull();
        if ("jpeg".equals(format) && bytes != null) {
            return ImageMetadata.ofJpeg(bytes);
        }
        try (var in = data.stream()) {
            return ImageMetadata.of(in, data.length());
        } catch (IOException e) {
            return ImageMetadata.unreadable(e);
        }
    }

    /**
     * libjpeg-turbo ignores embedded ICC profiles; convert from a non-sRGB RGB profile (Adobe RGB, Display P3
     * ...) so both decode paths give sRGB. Unusable profiles are ignored, as viewers do.
     */
    private static BufferedImage toSrgb(BufferedImage rgb, byte[] icc) {
        if (icc == null) {
            return rgb;
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(icc);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB || ColorSpaces.isCS_sRGB(profile)) {
                return rgb;
            }
            ICC_ColorSpace space = ColorSpaces.createColorSpace(profile);
            DirectColorModel model = new DirectColorModel(space, 24, 0xFF0000, 0xFF00, 0xFF, 0, false,
                    java.awt.image.DataBuffer.TYPE_INT);
            BufferedImage tagged = new BufferedImage(model, rgb.getRaster(), false, null);
            BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
            new ColorConvertOp(null).filter(tagged, out);
            return out;
        } catch (RuntimeException e) {
            return rgb;
        }
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    private static byte[] withEoi(byte[] jpeg) {
        byte[] closed = Arrays.copyOf(jpeg, jpeg.length + 2);
        closed[jpeg.length] = (byte) 0xFF;
        closed[jpeg.length + 1] = (byte) 0xD9;
        return closed;
    }
}
