package dev.loupe.models.builtin;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The torchvision ImageNet evaluation transform MobileNetV2 was trained with: resize the shorter side to 256,
 * centre-crop 224x224, scale to [0,1], normalise with the ImageNet mean and std; output CHW floats.
 * Done in one bilinear draw of the crop's source rectangle (the decoder already subsamples to about this size,
 * so the scale factor is small and bilinear does not alias).
 */
public final class ImagenetPreprocessor {
    public static final int SIZE = 224;
    private static final int RESIZE = 256;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** Writes the 3x224x224 tensor of {@code image} into {@code out} at {@code offset}. */
    public void toChw(BufferedImage image, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w == RESIZE && h == RESIZE && image.getType() == BufferedImage.TYPE_INT_RGB) {
            // already at the resize size (ImageView.FULL's canvas): the crop is an exact copy, no drawing needed
            int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            writeChw(px, (RESIZE - SIZE) / 2, RESIZE, out, offset);
            return;
        }
        double scale = (double) RESIZE / Math.min(w, h);
        double side = SIZE / scale;
        double x0 = (w - side) / 2;
        double y0 = (h - side) / 2;
        BufferedImage crop = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, SIZE, SIZE,
                    (int) Math.round(x0), (int) Math.round(y0),
                    (int) Math.round(x0 + side), (int) Math.round(y0 + side), null);
        } finally {
            g.dispose();
        }
        writeChw(((DataBufferInt) crop.getRaster().getDataBuffer()).getData(), 0, SIZE, out, offset);
    }

    /** Normalises the 224x224 square at ({@code margin}, {@code margin}) of a {@code stride}-wide RGB array. */
    private static void writeChw(int[] px, int margin, int stride, float[] out, int offset) {
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            int src = (y + margin) * stride + margin;
            int dst = offset + y * SIZE;
            for (int x = 0; x < SIZE; x++) {
                int p = px[src + x];
                out[dst + x] = (((p >> 16) & 0xff) / 255f - MEAN[0]) / STD[0];
                out[dst + plane + x] = (((p >> 8) & 0xff) / 255f - MEAN[1]) / STD[1];
                out[dst + 2 * plane + x] = ((p & 0xff) / 255f - MEAN[2]) / STD[2];
            }
        }
    }

    public float[] toChw(BufferedImage image) {
        float[] out = new float[3 * SIZE * SIZE];
        toChw(image, out, 0);
        return out;
    }
}
