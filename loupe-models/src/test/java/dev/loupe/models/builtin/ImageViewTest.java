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
        BufferedImage img = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 400, 100);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 100);
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

    @Test
    void mirrorFlipsLeftAndRight() {
        BufferedImage m = ImageView.mirror(wideWithRedEdge());
        assertEquals(Color.RED.getRGB(), m.getRGB(399, 50));
        assertEquals(Color.BLUE.getRGB(), m.getRGB(0, 50));
        assertEquals(400, m.getWidth());
    }
}
