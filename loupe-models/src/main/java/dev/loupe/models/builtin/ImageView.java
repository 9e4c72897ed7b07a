package dev.loupe.models.builtin;

import dev.loupe.models.image.PilResampler;
import dev.loupe.models.image.ResampleFilter;
import dev.loupe.models.image.RgbImage;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Which part of an image MobileNetV2 sees. {@link #CENTER_CROP} is the ImageNet evaluation transform (shorter side
 * to 256, centre 224x224: the outer eighth of the image is cut away, more for long panoramas). {@link #FULL} shows
 * the whole image, scaled to 224x224 without keeping the aspect ratio — measured better for text-to-image search
 * (docs/quality.md): a caption describes the whole photo, and objects near the edges are not lost.
 *
 * <p>{@link #prepare} returns an image that {@link ImagenetPreprocessor} (resize to 256, centre crop 224) turns into
 * exactly the chosen view: for {@code FULL}, a 256x256 canvas whose central 224x224 square holds the whole image, so
 * the crop removes only the empty border and the pixels are not resampled a second time. Like the centre crop this
 * is one bilinear draw, which assumes the decoder has already subsampled large images to about the model's size.
 * (Cheaper still would be a FULL mode inside {@link ImagenetPreprocessor}, drawing straight into the 224x224 tensor.)
 *
 * <p>The four corner views are a 2x2 grid of overlapping crops, each {@link #CORNER} of the image's width and height
 * (the middle fifth is in all four), shown like {@code FULL}: an object that fills only part of a scene fills more of
 * a corner view. The tag recipe pools their class probabilities with the whole image's for the hierarchy
 * (docs/quality.md, "Multi-view tags").
 */
public enum ImageView {
    CENTER_CROP,
    FULL,
    TOP_LEFT,
    TOP_RIGHT,
    BOTTOM_LEFT,
    BOTTOM_RIGHT;

    /** The share of the image's width and height a corner view shows. */
    static final double CORNER = 0.6;
    private static final int CANVAS = 256;
    private static final int SIZE = ImagenetPreprocessor.SIZE;

    /** The image to hand to {@link MobileNetEncoder#encode} so that the network sees this view. */
    public BufferedImage prepare(BufferedImage image) {
        return switch (this) {
            case CENTER_CROP -> image;
            case FULL -> whole(image);
            case TOP_LEFT -> whole(crop(image, 0, 0, CORNER, CORNER));
            case TOP_RIGHT -> whole(crop(image, 1 - CORNER, 0, CORNER, CORNER));
            case BOTTOM_LEFT -> whole(crop(image, 0, 1 - CORNER, CORNER, CORNER));
            case BOTTOM_RIGHT -> whole(crop(image, 1 - CORNER, 1 - CORNER, CORNER, CORNER));
        };
    }

    /**
     * The rectangle {@code w x h} (fractions of the image's width and height) whose top left corner is at fractions
     * {@code (x, y)}; at least one pixel, clipped to the image. Shares the image's pixels.
     */
    static BufferedImage crop(BufferedImage image, double x, double y, double w, double h) {
        int x0 = Math.min(image.getWidth() - 1, (int) Math.round(x * image.getWidth()));
        int y0 = Math.min(image.getHeight() - 1, (int) Math.round(y * image.getHeight()));
        int cw = Math.max(1, Math.min(image.getWidth() - x0, (int) Math.round(w * image.getWidth())));
        int ch = Math.max(1, Math.min(image.getHeight() - y0, (int) Math.round(h * image.getHeight())));
        return image.getSubimage(x0, y0, cw, ch);
    }

    /** The whole image on the 256x256 canvas whose centre crop is the 224x224 squashed image (see above). */
    private static BufferedImage whole(BufferedImage image) {
        // torchvision resizes with PIL's antialiased bilinear filter; a plain Java2D bilinear draw from a larger
        // image aliases, which moved marginal search results between the tuning harness and the real decode path
        RgbImage resized = PilResampler.resize(image, SIZE, SIZE, ResampleFilter.BILINEAR);
        BufferedImage canvas = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        int off = (CANVAS - SIZE) / 2;
        for (int y = 0; y < SIZE; y++) {
            System.arraycopy(resized.pixels(), y * SIZE, dst, (y + off) * CANVAS + off, SIZE);
        }
        return canvas;
    }

    /** The image mirrored left to right: the second view of the optional mirror test-time augmentation. */
    public static BufferedImage mirror(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, w, 0, -w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
