package dev.loupe.lab.compose;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ColoredFashion;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coloured Fashion-MNIST as a user's collection: {@code items} garments of a split, each tinted with the first
 * {@code colors} of {@link ColoredFashion#COLORS} and written as a 256 px PNG (garment 224 px, as a photo would
 * reach the model), plus {@code attributes.csv} describing each file ("red dress 17": colour, garment, item number).
 * Training on it mines the recolouring pairs of one item; the item number keeps items apart.
 */
public final class ColoredFashionSet {
    /** The descriptions file written next to the images. */
    public static final String ATTRIBUTES = "attributes.csv";

    private ColoredFashionSet() {
    }

    /** Writes the set into {@code dir} (images in {@code dir/images}); returns the attributes file. */
    public static Path write(FashionMnist split, int items, int colors, Path dir) {
        if (items < 1 || items > split.size() || colors < 2 || colors > ColoredFashion.COLORS.size()) {
            throw new IllegalArgumentException("items must be 1.." + split.size() + " and colors 2.."
                    + ColoredFashion.COLORS.size() + "; got " + items + " and " + colors);
        }
        try {
            Path images = Files.createDirectories(dir.resolve("images"));
            List<String> lines = new ArrayList<>();
            lines.add("path,description");
            for (int i = 0; i < items; i++) {
                String noun = FashionMnist.NOUNS.get(split.labels()[i]);
                for (int c = 0; c < colors; c++) {
                    String color = ColoredFashion.COLORS.get(c);
                    String file = String.format(Locale.ROOT, "%05d-%s.png", i, color);
                    Path out = images.resolve(file);
                    if (!Files.exists(out)) {
                        ImageIO.write(image(split, i, c), "png", out.toFile());
                    }
                    lines.add("images/" + file + "," + color + " " + noun + " " + i);
                }
            }
            Path csv = dir.resolve(ATTRIBUTES);
            Files.write(csv, lines);
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the coloured Fashion-MNIST set into " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Garment {@code item} of {@code split} in colour {@code color} of {@link ColoredFashion#COLORS}, 256 px. */
    public static BufferedImage image(FashionMnist split, int item, int color) {
        return tint(split.render(item, 256, 224, false), ColoredFashion.rgb(color));
    }

    private static BufferedImage tint(BufferedImage gray, int[] rgb) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                int g = gray.getRGB(x, y) & 0xff;
                out.setRGB(x, y, (g * rgb[0] / 255) << 16 | (g * rgb[1] / 255) << 8 | (g * rgb[2] / 255));
            }
        }
        return out;
    }
}
