package dev.loupe.models.builtin;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ImagenetPreprocessorTest {
    @Test
    void canvasFastPathGivesTheSameTensorAsTheDrawnCrop() {
        Random random = new Random(7);
        BufferedImage rgb = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        BufferedImage bgr = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int p = random.nextInt(1 << 24);
                rgb.setRGB(x, y, p);
                bgr.setRGB(x, y, p);
            }
        }
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        // TYPE_INT_RGB at 256x256 takes the copy path, the BGR twin goes through Java2D's crop
        assertArrayEquals(pre.toChw(bgr), pre.toChw(rgb));
    }

    @Test
    void fullViewOfASmallImageMatchesItsResizedPixels() {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        BufferedImage canvas = ImageView.FULL.prepare(img);
        BufferedImage slow = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        slow.getGraphics().drawImage(canvas, 0, 0, null);
        ImagenetPreprocessor pre = new ImagenetPreprocessor();
        assertArrayEquals(pre.toChw(slow), pre.toChw(canvas));
    }
}
