package dev.loupe.text.ocr;

import javax.imageio.ImageIO;
import java.io.File;

/** Debug aid: writes the collage of the regions found in an image. */
public final class RegionsDump {
    public static void main(String[] args) throws Exception {
        var found = TextRegions.find(ImageIO.read(new File(args[0])));
        System.out.println(found.crops().size());
        if (!found.isEmpty()) {
            ImageIO.write(TextRegions.collage(found), "png", new File(args[1]));
        }
    }
}
