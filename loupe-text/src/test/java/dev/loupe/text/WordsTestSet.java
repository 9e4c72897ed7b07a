package dev.loupe.text;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The words test set (issue "find photos by the words in and around them"), rebuilt from {@code ../shared} by the
 * tests and the measurements alike, deterministically (fixed seed):
 * <ul>
 *   <li>{@code signs/}: shop signs and labels — one word or two drawn with Java2D in several fonts, sizes and angles
 *       (±10°) on a plate or straight onto a textured crop of a shared photo; files named {@code sign-NN.png}, so the
 *       name gives nothing away;</li>
 *   <li>{@code pages/}: a page of printed text on paper-like noise, and the shared scanned page
 *       ({@code page.png});</li>
 *   <li>{@code tagged/}: copies of shared photos under camera-style names ({@code IMG_2041.jpg}) whose XMP sidecars
 *       ({@code IMG_2041.jpg.xmp} as darktable writes, {@code IMG_2042.xmp} as Lightroom does) or embedded XMP carry
 *       keywords, a title, a description and a person tag;</li>
 *   <li>{@code named/}: copies of shared photos under meaningful file names ({@code passport-scan.png}).</li>
 * </ul>
 * Each item has the queries that should find it ({@link Item#queries()}) and, for drawn text, the words drawn
 * ({@link Item#words()}) for OCR word recall.
 */
public final class WordsTestSet {
    /** What a query names: a word drawn into the image, a metadata keyword, or a word of the file name. */
    public enum Kind { DRAWN, KEYWORD, FILE_NAME }

    /**
     * One image of the set.
     *
     * @param file    where it was written
     * @param kind    where its words are
     * @param words   the words drawn into it (empty unless DRAWN), for OCR recall
     * @param queries queries that should rank it first
     */
    public record Item(Path file, Kind kind, List<String> words, List<String> queries) {
    }

    static final String[] SIGN_WORDS = {"BAKERY", "PHARMACY", "HOTEL", "BOOKSHOP", "GARAGE", "FLORIST", "MUSEUM",
            "LIBRARY", "CINEMA", "BUTCHER", "HARBOUR", "STATION", "THEATRE", "GALLERY", "DENTIST", "LAUNDRY",
            "BARBER", "PIZZERIA", "CHEMIST", "POST OFFICE", "FIRE EXIT", "TICKETS", "NO PARKING", "CAMPSITE"};
    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final String[] BACKGROUNDS = {"brick.png", "grass.png", "gravel.png", "coffee.png", "dog.jpg",
            "horses.jpg", "kite.jpg", "motorcycle_left.png"};
    static final String PAGE_TEXT = """
            Quarterly report
            Q3 revenue grew by twelve percent
            thanks to strong sales of umbrellas
            during the rainy autumn season.
            The warehouse in Rotterdam shipped
            more parcels than ever before.""";
    /** The shared scanned page, transcribed by hand. */
    static final String SHARED_PAGE_TEXT = """
            Region-based segmentation
            Let us first determine markers of the coins and the
            background. These markers are pixels that we can label
            unambiguously as either object or background. Here,
            the markers are found at the two extreme parts of the
            histogram of grey values:
            markers = np.zeros_like(coins)""";

    private WordsTestSet() {
    }

    /** Writes the set under {@code dir} from the shared photos in {@code photos}; returns its items. */
    public static List<Item> write(Path photos, Path dir) {
        try {
            List<Item> items = new ArrayList<>();
            Random random = new Random(17);
            Path signs = Files.createDirectories(dir.resolve("signs"));
            for (int i = 0; i < SIGN_WORDS.length; i++) {
                String word = SIGN_WORDS[i];
                BufferedImage bg = texture(photos.resolve(BACKGROUNDS[i % BACKGROUNDS.length]), 640, 480, random);
                drawSign(bg, word, FONTS[i % FONTS.length], 34 + random.nextInt(50), (random.nextDouble() * 20 - 10),
                        i % 3 != 2, random);
                Path f = signs.resolve(String.format(Locale.ROOT, "sign-%02d.png", i));
                ImageIO.write(bg, "png", f.toFile());
                items.add(new Item(f, Kind.DRAWN, List.of(word.toLowerCase(Locale.ROOT).split(" ")),
                        List.of(word.toLowerCase(Locale.ROOT))));
            }
            Path pages = Files.createDirectories(dir.resolve("pages"));
            Path page = pages.resolve("scan-0001.png");
            ImageIO.write(page(PAGE_TEXT, random), "png", page.toFile());
            items.add(new Item(page, Kind.DRAWN, words(PAGE_TEXT), List.of("\"q3 revenue\"", "umbrellas",
                    "rotterdam warehouse")));
            Path shared = Files.copy(photos.resolve("page.png"), pages.resolve("scan-0002.png"));
            items.add(new Item(shared, Kind.DRAWN, words(SHARED_PAGE_TEXT), List.of("histogram", "segmentation")));

            Path tagged = Files.createDirectories(dir.resolve("tagged"));
            items.add(tagged(photos.resolve("person.jpg"), tagged.resolve("IMG_2041.jpg"), "IMG_2041.jpg.xmp",
                    "Sunday with Grandma", "Grandma with her dog and her horse at the farm",
                    List.of("grandma", "farm", "family"), "Grandma"));
            items.add(tagged(photos.resolve("kite.jpg"), tagged.resolve("IMG_2042.jpg"), "IMG_2042.xmp",
                    "Scheveningen", "Kite festival on the beach at Scheveningen",
                    List.of("festival", "scheveningen", "holiday"), null));
            items.add(tagged(photos.resolve("coffee.png"), tagged.resolve("IMG_2043.png"), "IMG_2043.png.xmp",
                    "Breakfast", "Espresso at Café Sonnenschein", List.of("espresso", "breakfast"), null));
            Path embedded = tagged.resolve("IMG_2044.jpg");
            Files.write(embedded, withXmp(Files.readAllBytes(photos.resolve("eagle.jpg")),
                    xmp("Falconry show", "The falconry show at the castle", List.of("falconry", "castle"), "Henk")));
            items.add(new Item(embedded, Kind.KEYWORD, List.of(), List.of("falconry", "henk")));

            Path named = Files.createDirectories(dir.resolve("named"));
            items.add(named(photos.resolve("page.png"), named.resolve("passport-scan.png"), "passport"));
            items.add(named(photos.resolve("rocket.jpg"), named.resolve("apollo_launch_1969.jpg"), "apollo"));
            items.add(named(photos.resolve("moon.png"), named.resolve("TranquilityBase.png"), "tranquility"));
            items.add(named(photos.resolve("giraffe.jpg"), Files.createDirectories(named.resolve("Serengeti safari"))
                    .resolve("DSC_0001.jpg"), "serengeti"));
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Item named(Path from, Path to, String query) throws IOException {
        Files.copy(from, to);
        return new Item(to, Kind.FILE_NAME, List.of(), List.of(query));
    }

    private static Item tagged(Path from, Path to, String sidecar, String title, String description,
                               List<String> keywords, String person) throws IOException {
        Files.copy(from, to);
        Files.writeString(to.resolveSibling(sidecar), xmp(title, description, keywords, person));
        List<String> queries = new ArrayList<>(keywords.subList(0, 1));
        if (person != null && !queries.contains(person.toLowerCase(Locale.ROOT))) {
            queries.add(person.toLowerCase(Locale.ROOT));
        }
        return new Item(to, Kind.KEYWORD, List.of(), queries);
    }

    /**
     * Writes {@code dir/crashing-tesseract}: a stand-in for the tesseract program that answers the version and
     * language checks like the real one, then dies of a segmentation fault on every image — the native crash OCR
     * must turn into a per-file warning.
     */
    public static Path crashingTesseract(Path dir) {
        Path crash = dir.resolve("crashing-tesseract");
        try {
            Files.writeString(crash, """
                    #!/bin/sh
                    case "$1" in
                      --version) echo "tesseract 5 (stand-in)"; exit 0;;
                      --list-langs) echo 'List of available languages in "/x" (1):'; echo eng; exit 0;;
                    esac
                    cat > /dev/null
                    kill -SEGV $$
                    """);
            Files.setPosixFilePermissions(crash, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crash;
    }

    /** An XMP packet as darktable and Lightroom write it: dc:title, dc:description, dc:subject, a person tag. */
    public static String xmp(String title, String description, List<String> keywords, String person) {
        try {
            XMPMeta m = XMPMetaFactory.create();
            m.setLocalizedText(XMPConst.NS_DC, "title", "", "x-default", title);
            m.setLocalizedText(XMPConst.NS_DC, "description", "", "x-default", description);
            for (String k : keywords) {
                m.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), k, null);
            }
            if (person != null) {
                String ext = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
                XMPMetaFactory.getSchemaRegistry().registerNamespace(ext, "Iptc4xmpExt");
                m.appendArrayItem(ext, "PersonInImage", new PropertyOptions().setArray(true), person, null);
            }
            return XMPMetaFactory.serializeToString(m, new SerializeOptions().setOmitPacketWrapper(false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JPEG with an XMP APP1 segment inserted after its SOI marker. */
    static byte[] withXmp(byte[] jpeg, String xmp) {
        byte[] ns = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
        byte[] body = xmp.getBytes(StandardCharsets.UTF_8);
        int len = 2 + ns.length + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes(ns);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A random crop of a shared photo scaled to w × h: the texture a sign hangs on. */
    static BufferedImage texture(Path photo, int w, int h, Random random) throws IOException {
        BufferedImage src = ImageIO.read(photo.toFile());
        int cw = Math.max(16, (int) (src.getWidth() * (0.5 + random.nextDouble() * 0.5)));
        int ch = Math.max(16, Math.min(src.getHeight(), cw * h / w));
        int x = random.nextInt(Math.max(1, src.getWidth() - cw + 1));
        int y = random.nextInt(Math.max(1, src.getHeight() - ch + 1));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, x, y, x + cw, y + ch, null);
        g.dispose();
        return out;
    }

    /** Draws {@code word} centred, rotated by {@code degrees}: on a light plate, or straight on the texture. */
    static void drawSign(BufferedImage img, String word, String family, int size, double degrees, boolean plate,
                         Random random) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Font font = new Font(family, random.nextBoolean() ? Font.BOLD : Font.PLAIN, size);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(word);
        while (tw > img.getWidth() * 0.8) {
            font = font.deriveFont(font.getSize2D() * 0.85f);
            g.setFont(font);
            fm = g.getFontMetrics();
            tw = fm.stringWidth(word);
        }
        int th = fm.getAscent();
        g.setTransform(AffineTransform.getRotateInstance(Math.toRadians(degrees), img.getWidth() / 2.0,
                img.getHeight() / 2.0));
        int x = (img.getWidth() - tw) / 2;
        int y = (img.getHeight() + th) / 2 - fm.getDescent();
        if (plate) {
            int pad = size / 3;
            Color paper = new Color(235 + random.nextInt(20), 225 + random.nextInt(30), 200 + random.nextInt(55));
            g.setColor(paper);
            g.fillRoundRect(x - pad, y - th - pad / 2, tw + 2 * pad, th + fm.getDescent() + pad, pad, pad);
            g.setColor(new Color(60, 40, 30));
            g.setStroke(new BasicStroke(3));
            g.drawRoundRect(x - pad, y - th - pad / 2, tw + 2 * pad, th + fm.getDescent() + pad, pad, pad);
            g.setColor(new Color(random.nextInt(80), random.nextInt(60), random.nextInt(90)));
            g.drawString(word, x, y);
        } else {
            g.setColor(new Color(0, 0, 0, 170));
            g.drawString(word, x + 3, y + 3); // a drop shadow, as painted lettering has on a busy wall
            g.setColor(new Color(250, 245, 225));
            g.drawString(word, x, y);
        }
        g.dispose();
    }

    /** A page of printed text on paper-like noise, slightly rotated. */
    static BufferedImage page(String text, Random random) {
        BufferedImage img = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = 228 + random.nextInt(18);
                img.setRGB(x, y, (v << 16) | ((v - 4) << 8) | (v - 14));
            }
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(2.5), 450, 300);
        g.setColor(new Color(30, 30, 35));
        g.setFont(new Font(Font.SERIF, Font.BOLD, 40));
        String[] lines = text.split("\n");
        g.drawString(lines[0], 60, 90);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 30));
        for (int i = 1; i < lines.length; i++) {
            g.drawString(lines[i], 60, 150 + i * 48);
        }
        g.dispose();
        return img;
    }

    /** The words of a text, lower case, in order (letters and digits; everything else separates). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
