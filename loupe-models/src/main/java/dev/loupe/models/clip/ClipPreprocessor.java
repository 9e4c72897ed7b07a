package dev.loupe.models.clip;

import dev.loupe.models.image.PilResampler;
import dev.loupe.models.image.RgbImage;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Turns decoded images into CLIP image-encoder input, as CLIP's reference pipeline (torchvision on PIL) does:
 * resize so the shorter side is {@code size} with Pillow's antialiased kernel ({@link PilResampler}), take the
 * centre {@code crop x crop} square, scale bytes to [0, 1], normalize per channel, lay out as float CHW
 * (channel-major: all red values, then green, then blue). With {@link ResizeMode#SQUASH} (SigLIP) the image is
 * resized to {@code size x size} whatever its aspect ratio and nothing is cropped.
 *
 * <p>The long side becomes {@code floor(size * long / short)} and the crop offset is
 * {@code round((resized - crop) / 2)} with halves rounded to even, both as torchvision computes them. Only the
 * cropped pixels are resampled. Alpha is dropped before resizing (Pillow would resize premultiplied RGBA, which
 * differs only where pixels are translucent). Immutable and thread-safe.
 */
public final class ClipPreprocessor {
    private final ImagePreprocessing config;
    private final float[][] normalized = new float[3][256];

    public ClipPreprocessor(ImagePreprocessing config) {
        this.config = Objects.requireNonNull(config, "config");
        for (int c = 0; c < 3; c++) {
            float mean = (float) config.mean().get(c);
            float std = (float) config.std().get(c);
            for (int v = 0; v < 256; v++) {
                normalized[c][v] = ((float) v / 255f - mean) / std; // float32 steps, like ToTensor + Normalize
            }
        }
    }

    public ImagePreprocessing config() {
        return config;
    }

    /** Values in one image's CHW array: {@code 3 * crop * crop}. */
    public int imageLength() {
        return 3 * config.crop() * config.crop();
    }

    /** The NCHW shape of a batch of {@code batch} images. */
    public long[] inputShape(int batch) {
        return new long[] {batch, 3, config.crop(), config.crop()};
    }

    /**
     * Width and height after resizing a {@code width x height} image so its shorter side is {@code size}; when
     * squashing, {@code size x size} whatever the aspect ratio.
     */
    public int[] resizedSize(int width, int height) {
        int size = config.size();
        if (config.resize() == ResizeMode.SQUASH) {
            return new int[] {size, size};
        }
        if (width <= height) {
            return new int[] {size, (int) ((double) ((long) size * height) / width)};
        }
        return new int[] {(int) ((double) ((long) size * width) / height), size};
    }

    /** Left and top offsets of the centre crop inside a resized image of this size. */
    public int[] cropOffset(int resizedWidth, int resizedHeight) {
        int crop = config.crop();
        return new int[] {(int) Math.rint((resizedWidth - crop) / 2.0), (int) Math.rint((resizedHeight - crop) / 2.0)};
    }

    /** The resized, centre-cropped 8-bit image, before scaling and normalization. */
    public RgbImage resizeAndCrop(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int[] resized = resizedSize(image.getWidth(), image.getHeight());
        int[] offset = cropOffset(resized[0], resized[1]);
        return PilResampler.resizeRegion(image, resized[0], resized[1], config.resample(),
                offset[0], offset[1], config.crop(), config.crop());
    }

    /** One image as a float CHW array of {@link #imageLength()} values. */
    public float[] preprocess(BufferedImage image) {
        float[] out = new float[imageLength()];
        writeChw(resizeAndCrop(image), out, 0);
        return out;
    }

    /** Images as one float NCHW array, image after image, for a batched encoder call. */
    public float[] preprocessBatch(List<BufferedImage> images) {
        float[] out = new float[images.size() * imageLength()];
        for (int i = 0; i < images.size(); i++) {
            writeChw(resizeAndCrop(images.get(i)), out, i * imageLength());
        }
        return out;
    }

    /** Scales and normalizes an already cropped image into {@code out} from {@code offset}, CHW. */
    public void writeChw(RgbImage cropped, float[] out, int offset) {
        if (cropped.width() != config.crop() || cropped.height() != config.crop()) {
            throw new IllegalArgumentException("expected a " + config.crop() + "x" + config.crop() + " image, got "
                    + cropped.width() + "x" + cropped.height());
        }
        int plane = config.crop() * config.crop();
        int[] px = cropped.pixels();
        float[] red = normalized[0];
        float[] green = normalized[1];
        float[] blue = normalized[2];
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            out[offset + i] = red[(p >> 16) & 0xFF];
            out[offset + plane + i] = green[(p >> 8) & 0xFF];
            out[offset + 2 * plane + i] = blue[p & 0xFF];
        }
    }
}
