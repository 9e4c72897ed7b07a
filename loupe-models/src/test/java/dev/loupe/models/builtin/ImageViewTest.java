package dev.loupe.models.builtin;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageViewTest {
    /** A 400x100 image: a red band on the left eighth, blue elsewhere. */
    static BufferedImage wideWithRedEdge() {
        return blueWithRedTopLeft(400, 100, 50, 100);
    }

    /** A blue {@code w}x{@code h} image with a red {@code rw}x{@code rh} rectangle in its top left corner. */
    static BufferedImage blueWithRedTopLeft(int w, int h, int rw, int rh) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, rw, rh);
        g.dispose();
        return img;
    }

    /** Mean of the red channel (normalised ImageNet input) over the tensor's left 10 columns. */
    private static double leftRed(float[] chw) {
        return red(chw, 0);
    }

    /** Mean normalised red over 10 tensor columns from {@code x0}: 2.25 where the image is red, -2.12 where blue. */
    static double red(float[] chw, int x0) {
        int n = ImagenetPreprocessor.SIZE;
        double sum = 0;
        for (int y = 0; y < n; y++) {
            for (int x = x0; x < x0 + 10; x++) {
                sum += chw[y * n + x];
            }
        }
        return sum / (10.0 * n);
    }

    @Test
    void fullViewKeepsTheEdgesThatTheCentreCropCutsAway() {
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        BufferedImage img = wideWithRedEdge();
        double crop = leftRed(pre.toChw(ImageView.CENTER_CROP.prepare(img)));
        double full = leftRed(pre.toChw(ImageView.FULL.prepare(img)));
        // red = 1.0 normalises to (1 - 0.485) / 0.229 = 2.25; blue's red channel to -2.12
        assertTrue(crop < -2, "the centre crop of a 4:1 image shows only its blue middle: " + crop);
        assertTrue(full > 2, "the whole view starts with the red band: " + full);
    }

    /** Mean normalised red over the 10x10 tensor patch at {@code (x0, y0)}. */
    private static double redPatch(float[] chw, int x0, int y0) {
        int n = ImagenetPreprocessor.SIZE;
        double sum = 0;
        for (int y = y0; y < y0 + 10; y++) {
            for (int x = x0; x < x0 + 10; x++) {
                sum += chw[y * n + x];
            }
        }
        return sum / 100;
    }

    @Test
    void eachCornerViewShowsItsCornerOfTheImageLarger() {
        // 300x200, blue with a red 60x40 rectangle in the top left corner: a fifth of each side
        BufferedImage img = blueWithRedTopLeft(300, 200, 60, 40);
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        int n = ImagenetPreprocessor.SIZE;
        float[] topLeft = pre.toChw(ImageView.TOP_LEFT.prepare(img));
        // the corner view is 60% of each side, so the red fifth fills a third of it: 74 of 224 pixels
        assertTrue(redPatch(topLeft, 0, 0) > 2 && redPatch(topLeft, 60, 60) > 2, "top left shows the red corner");
        assertTrue(redPatch(topLeft, 80, 80) < -2 && redPatch(topLeft, n - 10, n - 10) < -2, "and blue beyond it");
        float[] full = pre.toChw(ImageView.FULL.prepare(img));
        assertTrue(redPatch(full, 30, 30) > 2 && redPatch(full, 60, 60) < -2, "the whole view shows it a fifth wide");
        for (ImageView corner : new ImageView[]{ImageView.TOP_RIGHT, ImageView.BOTTOM_LEFT, ImageView.BOTTOM_RIGHT}) {
            float[] chw = pre.toChw(corner.prepare(img));
            for (int y = 0; y < n; y += 20) {
                for (int x = 0; x < n - 10; x += 20) {
                    assertTrue(redPatch(chw, x, Math.min(y, n - 10)) < -2, corner + " shows no red at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void cornerViewsOfTinyImagesStillHaveAPixel() {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        for (ImageView v : ImageView.values()) {
            assertEquals(ImagenetPreprocessor.SIZE * ImagenetPreprocessor.SIZE * 3,
                    new ImagenetPreprocessor().toChw(v.prepare(one)).length, v.toString());
        }
    }

    @Test
    void mirrorFlipsLeftAndRight() {
        BufferedImage m = ImageView.mirror(wideWithRedEdge());
        assertEquals(Color.RED.getRGB(), m.getRGB(399, 50));
        assertEquals(Color.BLUE.getRGB(), m.getRGB(0, 50));
        assertEquals(400, m.getWidth());
    }
}
