package dev.loupe.lab.duplicates;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the labelled duplicate set: for each source photo (one folder each) the original, its true near-duplicates
 * and its hard non-duplicates, as the issue lists them.
 * <ul>
 *   <li>true: JPEG quality 40 and 95, resized to 25/50/75 % (75 % also at quality 75), cropped by 5 and 10 % (off
 *       two sides), rotated in the pixels with an EXIF orientation that turns it back, brightness and contrast
 *       ±15 %, and a screenshot-like re-render (shrunk onto a grey canvas with a title bar and a border, PNG);</li>
 *   <li>hard: two opposite crops of 60 % x 60 % (each shares 36 % of the photo's area, and 4 % with each other), and
 *       the photo with an object pasted in (a patch of another photo, about 1/16 of the area).</li>
 * </ul>
 */
final class DuplicateSet {
    /** One written file. */
    record Item(Path file, String family, String variant, boolean trueCopy) {
    }

    private DuplicateSet() {
    }

    static List<Item> write(Path photos, Path out) {
        List<Path> sources;
        try (Stream<Path> s = Files.list(photos)) {
            sources = s.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + photos + ": " + e.getMessage(), e);
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            BufferedImage img = read(sources.get(i));
            BufferedImage donor = read(sources.get((i + 7) % sources.size()));
            String family = sources.get(i).getFileName().toString().replaceAll("\\.[^.]+$", "");
            Path dir = out.resolve(family);
            int w = img.getWidth();
            int h = img.getHeight();
            items.add(save(dir, family, "original.png", true, png(img)));
            items.add(save(dir, family, "q40.jpg", true, jpeg(img, 0.40f, null)));
            items.add(save(dir, family, "q95.jpg", true, jpeg(img, 0.95f, null)));
            items.add(save(dir, family, "r25.jpg", true, jpeg(scaled(img, 0.25), 0.85f, null)));
            items.add(save(dir, family, "r50.png", true, png(scaled(img, 0.50))));
            items.add(save(dir, family, "r75q75.jpg", true, jpeg(scaled(img, 0.75), 0.75f, null)));
            items.add(save(dir, family, "crop5.jpg", true, jpeg(crop(img, 0, 0, w * 95 / 100, h * 95 / 100), 0.9f, null)));
            items.add(save(dir, family, "crop10.jpg", true,
                    jpeg(crop(img, w / 10, h / 20, w * 9 / 10, h * 19 / 20), 0.9f, null)));
            items.add(save(dir, family, "exif-rotated.jpg", true, jpeg(rotatedLeft(img), 0.9f, ORIENTATION_RIGHT)));
            items.add(save(dir, family, "bright+15.jpg", true, jpeg(tone(img, 1.0, 0.15), 0.9f, null)));
            items.add(save(dir, family, "bright-15.jpg", true, jpeg(tone(img, 1.0, -0.15), 0.9f, null)));
            items.add(save(dir, family, "contrast+15.jpg", true, jpeg(tone(img, 1.15, 0), 0.9f, null)));
            items.add(save(dir, family, "contrast-15.jpg", true, jpeg(tone(img, 0.85, 0), 0.9f, null)));
            items.add(save(dir, family, "screenshot.png", true, png(screenshot(img))));
            items.add(save(dir, family, "hard-crop-a.jpg", false, jpeg(crop(img, 0, 0, w * 6 / 10, h * 6 / 10), 0.9f, null)));
            items.add(save(dir, family, "hard-crop-b.jpg", false,
                    jpeg(crop(img, w * 4 / 10, h * 4 / 10, w, h), 0.9f, null)));
            items.add(save(dir, family, "hard-pasted.jpg", false, jpeg(pasted(img, donor), 0.9f, null)));
        }
        return items;
    }

    private static BufferedImage read(Path p) {
        try {
            BufferedImage raw = ImageIO.read(p.toFile());
            BufferedImage rgb = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(raw, 0, 0, Color.WHITE, null);
            g.dispose();
            return rgb;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the source photo " + p + ": " + e, e);
        }
    }

    private static Item save(Path dir, String family, String name, boolean trueCopy, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return new Item(file, family, name.replaceAll("\\.[^.]+$", ""), trueCopy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage scaled(BufferedImage img, double f) {
        int w = Math.max(8, (int) Math.round(img.getWidth() * f));
        int h = Math.max(8, (int) Math.round(img.getHeight() * f));
        return draw(w, h, new Color(0), g -> g.drawImage(img, 0, 0, w, h, null));
    }

    private static BufferedImage crop(BufferedImage img, int x0, int y0, int x1, int y1) {
        return draw(x1 - x0, y1 - y0, new Color(0), g -> g.drawImage(img, -x0, -y0, null));
    }

    /** The pixels turned 90° counter-clockwise; EXIF orientation 6 tells a viewer to turn them clockwise back. */
    private static BufferedImage rotatedLeft(BufferedImage img) {
        BufferedImage r = new BufferedImage(img.getHeight(), img.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.setRGB(y, img.getWidth() - 1 - x, img.getRGB(x, y));
            }
        }
        return r;
    }

    /** Contrast around mid-grey times {@code contrast}, then brightness plus {@code brightness} of full scale. */
    private static BufferedImage tone(BufferedImage img, double contrast, double brightness) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v = (((p >> shift) & 0xff) - 127.5) * contrast + 127.5 + 255 * brightness;
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static BufferedImage screenshot(BufferedImage img) {
        int w = (int) Math.round(img.getWidth() * 0.8);
        int h = (int) Math.round(img.getHeight() * 0.8);
        int border = Math.max(12, w / 20);
        int bar = Math.max(16, h / 12);
        return draw(w + 2 * border, h + 2 * border + bar, new Color(0xE8E8E8), g -> {
            g.setColor(new Color(0x3C3C3C));
            g.fillRect(0, 0, w + 2 * border, bar);
            g.setColor(Color.WHITE);
            g.drawString("photo.jpg - Viewer", 8, bar - 4);
            g.drawImage(img, border, bar + border, w, h, null);
        });
    }

    private static BufferedImage pasted(BufferedImage img, BufferedImage donor) {
        int pw = img.getWidth() / 4;
        int ph = img.getHeight() / 4;
        return draw(img.getWidth(), img.getHeight(), new Color(0), g -> {
            g.drawImage(img, 0, 0, null);
            g.drawImage(donor, img.getWidth() / 2, img.getHeight() / 3, pw, ph, null);
        });
    }

    private static BufferedImage draw(int w, int h, Color background, java.util.function.Consumer<Graphics2D> paint) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        paint.accept(g);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An APP1 segment holding a little-endian TIFF with one IFD entry, Orientation = 6 ("turn clockwise to view").
     * Written out by hand: ImageIO's JPEG writer has no EXIF support and the lab needs only this one tag.
     */
    static final byte[] ORIENTATION_RIGHT = {
            (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'I', 'I', 42, 0, 8, 0, 0, 0,
            1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,
            0, 0, 0, 0};

    /** A baseline JPEG at {@code quality}, with {@code app1} (a whole APP1 segment) right after SOI when given. */
    static byte[] jpeg(BufferedImage img, float quality, byte[] app1) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
            stream.flush();
            byte[] plain = bytes.toByteArray();
            if (app1 == null) {
                return plain;
            }
            byte[] out = new byte[plain.length + app1.length];
            System.arraycopy(plain, 0, out, 0, 2);
            System.arraycopy(app1, 0, out, 2, app1.length);
            System.arraycopy(plain, 2, out, 2 + app1.length, plain.length - 2);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
