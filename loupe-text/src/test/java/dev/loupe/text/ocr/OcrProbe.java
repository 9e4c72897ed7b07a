package dev.loupe.text.ocr;

import dev.loupe.text.WordsTestSet;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures OCR on the words test set and on the shared photos: word recall on the drawn text (a drawn word counts
 * when OCR returns it, case-insensitively), the junk words read from photos without text, and ms per image, for a
 * few settings (minimum word confidence, upscaling of small images). Run (after test-compile):
 * {@code java -cp ... -Dloupe.shared=../shared dev.loupe.text.ocr.OcrProbe}
 */
public final class OcrProbe {
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("loupe.shared", "../shared"));
        Path photos = shared.resolve("photos");
        Path dir = Files.createTempDirectory("loupe-ocr-probe");
        List<WordsTestSet.Item> items = WordsTestSet.write(photos, dir).stream()
                .filter(i -> i.kind() == WordsTestSet.Kind.DRAWN).toList();
        List<Path> plain = Files.list(photos).filter(p -> !p.toString().endsWith(".tsv"))
                .filter(p -> !p.getFileName().toString().equals("page.png")).sorted().toList();
        int[] confidences = args.length > 0 ? new int[]{Integer.parseInt(args[0])} : new int[]{0, 50, 70};
        double[] upscales = {1.0};
        boolean page = args.length > 2;
        System.out.printf(Locale.ROOT, "| min confidence | upscale below 1000 px | word recall | signs R (word found) | "
                + "junk words on %d photos | ms/image (drawn) | ms/image (photos) |%n", plain.size());
        System.out.println("|---|---|---|---|---|---|---|");
        for (double up : upscales) {
            for (int conf : confidences) {
                Tesseract t = Tesseract.open(OcrOptions.defaults().withMinConfidence(conf));
                int drawn = 0;
                int found = 0;
                int signsFound = 0;
                int signs = 0;
                long nanos = 0;
                for (WordsTestSet.Item item : items) {
                    BufferedImage img = scale(ImageIO.read(item.file().toFile()), up);
                    long t0 = System.nanoTime();
                    OcrResult r = page ? t.readPage(img) : t.read(img);
                    nanos += System.nanoTime() - t0;
                    Set<String> got = new HashSet<>(r instanceof OcrResult.Text text
                            ? WordsTestSet.words(text.text()) : List.of());
                    int hit = 0;
                    for (String w : item.words()) {
                        drawn++;
                        if (got.contains(w)) {
                            found++;
                            hit++;
                        }
                    }
                    if (item.file().getFileName().toString().startsWith("sign")) {
                        signs++;
                        signsFound += hit == item.words().size() ? 1 : 0;
                    }
                    if (args.length > 1) {
                        System.out.println(item.file().getFileName() + " -> " + got);
                    }
                }
                int junk = 0;
                long photoNanos = 0;
                for (Path p : plain) {
                    BufferedImage img = scale(ImageIO.read(p.toFile()), up);
                    long t0 = System.nanoTime();
                    OcrResult r = page ? t.readPage(img) : t.read(img);
                    photoNanos += System.nanoTime() - t0;
                    if (r instanceof OcrResult.Text text) {
                        junk += text.words();
                        if (args.length > 1 && text.words() > 0) {
                            System.out.println(p.getFileName() + " -> " + text.text().replace('\n', ' '));
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "| %d | %.0fx | %d/%d = %.2f | %d/%d | %d | %.0f | %.0f |%n", conf, up,
                        found, drawn, found / (double) drawn, signsFound, signs, junk, nanos / 1e6 / items.size(),
                        photoNanos / 1e6 / plain.size());
            }
        }
    }

    static BufferedImage scale(BufferedImage img, double factor) {
        if (factor == 1.0 || Math.max(img.getWidth(), img.getHeight()) >= 1000) {
            return img;
        }
        int w = (int) (img.getWidth() * factor);
        int h = (int) (img.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
