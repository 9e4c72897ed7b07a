package dev.loupe.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

/** Every common BufferedImage layout is read as the RGB bytes Pillow's convert("RGB") would give. */
class RgbRowsTest {

    private static int[] firstRow(BufferedImage image) {
        RgbRows rows = RgbRows.of(image);
        int[] row = new int[rows.width()];
        rows.row(0, row);
        return row;
    }

    @Test
    void colourLayoutsKeepTheirBytesAndDropAlpha() {
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR};
        for (int type : types) {
            BufferedImage image = new BufferedImage(3, 1, type);
            image.setRGB(0, 0, 0xFF102030);
            image.setRGB(1, 0, 0x80FF7F01); // half transparent: alpha dropped, colour kept
            image.setRGB(2, 0, 0xFFFFFFFF);
            int[] row = firstRow(image);
            assertEquals(0x102030, row[0], "type " + type);
            assertEquals(0xFF7F01, row[1], "type " + type);
            assertEquals(0xFFFFFF, row[2], "type " + type);
        }
    }

    @Test
    void greyIsReplicatedAsStored() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 7);
        int[] row = firstRow(grey);
        assertEquals(0x808080, row[0]);
        assertEquals(0x070707, row[1]);

        BufferedImage deep = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 0x80FF);
        assertEquals(0x808080, firstRow(deep)[0]);
    }

    @Test
    void palettesAreLookedUp() {
        byte[] r = {0, (byte) 200};
        byte[] g = {0, 100};
        byte[] b = {0, 50};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setSample(1, 0, 0, 1);
        int[] row = firstRow(indexed);
        assertEquals(0x000000, row[0]);
        assertEquals(0xC86432, row[1]);
    }

    @Test
    void subImagesReadTheirOwnWindow() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(2, 1, 0xABCDEF);
        BufferedImage sub = image.getSubimage(2, 1, 2, 2);
        assertEquals(0xABCDEF, firstRow(sub)[0]);
        BufferedImage intImage = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        intImage.setRGB(3, 2, 0x123456);
        assertEquals(0x123456, firstRow(intImage.getSubimage(3, 2, 1, 2))[0]);
    }
}
