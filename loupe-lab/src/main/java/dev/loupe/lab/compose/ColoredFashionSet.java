package dev.loupe.lab.compose;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ColoredFashion;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Coloured pictures with attribute descriptions, written as a user's collection: {@code items} Fashion-MNIST
 * garments of a split, each tinted with the first {@code colors} of {@link ColoredFashion#COLORS} and written as a
 * 256 px PNG (garment 224 px, as a photo would reach the model), optionally real photos tinted the same way, plus
 * {@code attributes.csv} describing each file. Numbered descriptions ("red dress 17") keep items apart, so mined
 * pairs recolour one item; unnumbered ones ("red dress") pair any two garments of a kind, as Fashion200k's product
 * descriptions do.
 */
public final class ColoredFashionSet {
    /** The descriptions file written next to the images. */
    public static final String ATTRIBUTES = "attributes.csv";

    /** A real photo and its caption (a row of the shared photos' {@code captions.tsv}). */
    public record Photo(Path file, String caption) {
    }

    private record Entry(String file, Supplier<BufferedImage> image, String description) {
    }

    private ColoredFashionSet() {
    }

    /** Writes numbered garments ("red dress 17") into {@code dir} (images in {@code dir/images}); returns the CSV. */
    public static Path write(FashionMnist split, int items, int colors, Path dir) {
        return write(split, items, colors, true, List.of(), dir);
    }

    /**
     * Writes garments, numbered or not, and {@code photos} described as "colour caption", into {@code dir} (images
     * in {@code dir/images}); returns the attributes file.
     */
    public static Path write(FashionMnist split, int items, int colors, boolean numbered, List<Photo> photos,
                             Path dir) {
        if (items < 1 || items > split.size() || colors < 2 || colors > ColoredFashion.COLORS.size()) {
            throw new IllegalArgumentException("items must be 1.." + split.size() + " and colors 2.."
                    + ColoredFashion.COLORS.size() + "; got " + items + " and " + colors);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            int item = i;
            String noun = FashionMnist.NOUNS.get(split.labels()[i]);
            for (int c = 0; c < colors; c++) {
                int color = c;
                String name = ColoredFashion.COLORS.get(c);
                entries.add(new Entry(String.format(Locale.ROOT, "%05d-%s.png", i, name),
                        () -> image(split, item, color), name + " " + noun + (numbered ? " " + i : "")));
            }
        }
        for (Photo p : photos) {
            String stem = p.file().getFileName().toString().replaceFirst("\\.[^.]*$", "");
            for (int c = 0; c < colors; c++) {
                int color = c;
                String name = ColoredFashion.COLORS.get(c);
                entries.add(new Entry("photo-" + stem + "-" + name + ".png",
                        () -> tint(photo(p.file()), ColoredFashion.rgb(color)), name + " " + p.caption()));
            }
        }
        return write(entries, dir);
    }

    /** The photos listed in {@code folder/captions.tsv} (file, caption, tags) with their captions. */
    public static List<Photo> photos(Path folder) {
        Path tsv = folder.resolve("captions.tsv");
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv + " (the photos' captions: file<TAB>caption<TAB>"
                    + "tags): " + e.getMessage(), e);
        }
        List<Photo> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length < 2 || f[1].isBlank()) {
                throw new IllegalArgumentException(tsv + " line " + (i + 1) + ": expected file<TAB>caption");
            }
            out.add(new Photo(folder.resolve(f[0]), f[1].strip()));
        }
        return out;
    }

    /** Garment {@code item} of {@code split} in colour {@code color} of {@link ColoredFashion#COLORS}, 256 px. */
    public static BufferedImage image(FashionMnist split, int item, int color) {
        return tint(split.render(item, 256, 224, false), ColoredFashion.rgb(color));
    }

    private static Path write(List<Entry> entries, Path dir) {
        try {
            Path images = Files.createDirectories(dir.resolve("images"));
            List<String> lines = new ArrayList<>();
            lines.add("path,description");
            for (Entry e : entries) {
                Path out = images.resolve(e.file());
                if (!Files.exists(out)) {
                    ImageIO.write(e.image().get(), "png", out.toFile());
                }
                lines.add("images/" + e.file() + ",\"" + e.description().replace("\"", "\"\"") + "\"");
            }
            Path csv = dir.resolve(ATTRIBUTES);
            Files.write(csv, lines);
            return csv;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the coloured set into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A photo scaled to fit 256 px. */
    private static BufferedImage photo(Path file) {
        BufferedImage in;
        try {
            in = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (in == null) {
            throw new IllegalArgumentException(file + ": not an image Java can read");
        }
        double s = 256.0 / Math.max(in.getWidth(), in.getHeight());
        int w = Math.max(1, (int) Math.round(in.getWidth() * s));
        int h = Math.max(1, (int) Math.round(in.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** The picture's luminance times the colour (a grey picture keeps its shading in the new colour). */
    private static BufferedImage tint(BufferedImage in, int[] rgb) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int p = in.getRGB(x, y);
                int g = (299 * (p >> 16 & 0xff) + 587 * (p >> 8 & 0xff) + 114 * (p & 0xff)) / 1000;
                out.setRGB(x, y, (g * rgb[0] / 255) << 16 | (g * rgb[1] / 255) << 8 | (g * rgb[2] / 255));
            }
        }
        return out;
    }
}
