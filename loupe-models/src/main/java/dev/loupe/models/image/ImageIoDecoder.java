package dev.loupe.models.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decoding through ImageIO and the TwelveMonkeys plugins (JPEG incl. CMYK/YCCK and lossless, PNG, GIF, BMP,
 * TIFF, WebP): sniff the format from the bytes, read the header size, refuse oversized images, then read the
 * first image with source subsampling so that large images never exist at full size in memory.
 */
final class ImageIoDecoder {

    /** What the reader produced: pixels (subsampled, not yet converted), original size, format, warnings. */
    record Read(BufferedImage image, int width, int height, String format, List<String> warnings) {
    }

    private final DecodeOptions options;

    ImageIoDecoder(DecodeOptions options) {
        this.options = options;
    }

    Read read(InputData data, String name) throws ImageDecodeException {
        try (ImageInputStream stream = data.imageStream()) {
            ImageReader reader = firstReader(stream);
            if (reader == null) {
                throw new ImageDecodeException(name, Reasons.notAnImage(data.head(16), name));
            }
            try {
                return read(reader, stream, name);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            if (e instanceof ImageDecodeException ide) {
                throw ide;
            }
            throw new ImageDecodeException(name, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private Read read(ImageReader reader, ImageInputStream stream, String name) throws ImageDecodeException {
        String format = canonicalFormat(reader);
        List<String> warnings = new ArrayList<>();
        int width = 0;
        int height = 0;
        try {
            reader.setInput(stream, false, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageDecodeException(name, Reasons.badSize(format, width, height));
            }
            if ((long) width * height > options.maxPixels()) {
                throw new ImageDecodeException(name, Reasons.tooManyPixels(width, height, options));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = options.subsamplingFor(width, height);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new ImageDecodeException(name, Reasons.corrupt(format, "the reader returned no image"));
            }
            return new Read(image, width, height, format, List.copyOf(warnings));
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IndexOutOfBoundsException e) {
            if (width == 0) {
                throw new ImageDecodeException(name, Reasons.displayFormat(format)
                        + " file contains no image — re-save it with another program", e);
            }
            throw new ImageDecodeException(name, Reasons.readFailure(format, e, warnings), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(name, Reasons.readFailure(format, e, warnings), e);
        } catch (OutOfMemoryError e) {
            throw new ImageDecodeException(name, Reasons.outOfMemory(width, height));
        }
    }

    /** The preferred reader ImageIO finds for these bytes (TwelveMonkeys plugins order themselves first). */
    private static ImageReader firstReader(ImageInputStream stream) {
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            return readers.hasNext() ? readers.next() : null;
        } catch (RuntimeException e) {
            return null; // a plugin choked while sniffing: no reader recognises the bytes
        }
    }

    static String canonicalFormat(ImageReader reader) {
        String name;
        try {
            name = reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            name = reader.getOriginatingProvider() == null ? ""
                    : reader.getOriginatingProvider().getFormatNames()[0].toLowerCase(Locale.ROOT);
        }
        return switch (name) {
            case "jpg", "jpeg", "jpeg-lossless" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            default -> name;
        };
    }
}
