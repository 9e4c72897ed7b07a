package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.text.WordsTestSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance checks for words, through the CLI with the real builtin model and tesseract: among 500
 * photos, {@code loupe search bakery} finds the BAKERY sign and {@code loupe search grandma} the photo whose XMP
 * sidecar carries that keyword; OCR failures are per-file warnings and never stop the batch.
 *
 * <p>The 480 distractors (variants of the shared photos) are indexed with {@code --no-ocr} to keep the suite fast;
 * the words test set is then indexed with OCR on. OCR over every photo is measured in docs/quality.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliWordsTest {
    static final Path PHOTOS = CliEndToEndTest.PHOTOS;

    @TempDir
    static Path tmp;
    String index;
    Path words;

    @BeforeAll
    void indexFiveHundredPhotos() throws Exception {
        Path library = Files.createDirectories(tmp.resolve("library"));
        Path distractors = Files.createDirectories(library.resolve("camera-roll"));
        List<Path> shared;
        try (var s = Files.list(PHOTOS)) {
            shared = s.filter(p -> !p.toString().endsWith(".tsv")).sorted().toList();
        }
        words = library.resolve("words");
        WordsTestSet.write(PHOTOS, words);
        int testSet;
        try (var s = Files.walk(words)) {
            testSet = (int) s.filter(p -> p.toString().matches(".*\\.(png|jpg)$")).count();
        }
        Random random = new Random(3);
        for (int i = 0; i < 500 - testSet; i++) {
            BufferedImage src = ImageIO.read(shared.get(i % shared.size()).toFile());
            ImageIO.write(variant(src, random), "jpg", distractors.resolve(String.format(Locale.ROOT,
                    "DSC_%04d.jpg", i)).toFile());
        }
        index = tmp.resolve("index").toString();
        CliRunner.Result first = CliRunner.run("index", "--index", index, "--no-ocr", "--json", distractors.toString());
        assertEquals(0, first.exit(), first.err());
        CliRunner.Result second = CliRunner.run("index", "--index", index, "--json", words.toString());
        assertEquals(0, second.exit(), second.err());
        JsonNode ocr = second.json().get("ocr");
        assertTrue(ocr.get("ran").asBoolean(), second.out());
        assertEquals(0, ocr.get("failed").asInt(), second.out());
        CliRunner.Result info = CliRunner.run("info", "--index", index, "--json");
        assertEquals(500, info.json().get("images").asInt(), info.out());
    }

    /** A small, altered copy of a photo: scaled, cropped, maybe mirrored and darkened. */
    private static BufferedImage variant(BufferedImage src, Random random) {
        int w = 160 + random.nextInt(120);
        int h = w * 3 / 4;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double crop = 0.6 + random.nextDouble() * 0.4;
        int cw = (int) (src.getWidth() * crop);
        int ch = (int) (src.getHeight() * crop);
        int x = random.nextInt(src.getWidth() - cw + 1);
        int y = random.nextInt(src.getHeight() - ch + 1);
        if (random.nextBoolean()) {
            g.setTransform(new AffineTransform(-1, 0, 0, 1, w, 0));
        }
        g.drawImage(src, 0, 0, w, h, x, y, x + cw, y + ch, null);
        g.dispose();
        return out;
    }

    private static String first(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
        JsonNode results = r.json().get("results");
        assertTrue(results.size() > 0, r.out());
        return Path.of(results.get(0).get("path").asText()).getFileName().toString();
    }

    @Test
    void searchBakeryFindsTheSign() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "-k", "5", "--json", "bakery");
        assertEquals("sign-00.png", first(r));
        JsonNode match = r.json().get("results").get(0).get("matches").get(0);
        assertEquals("ocr", match.get("field").asText());
        CliRunner.Result human = CliRunner.run("search", "--index", index, "-k", "3", "bakery");
        assertTrue(human.out().contains("ocr: ") && human.out().contains("\u00ABBAKERY\u00BB"), human.out());
    }

    @Test
    void searchGrandmaFindsThePhotoTaggedInItsSidecar() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "-k", "5", "--json", "grandma");
        assertEquals("IMG_2041.jpg", first(r));
        assertEquals("metadata", r.json().get("results").get(0).get("matches").get(0).get("field").asText());
        assertEquals("IMG_2041.jpg", first(CliRunner.run("search", "--index", index, "--mode", "text", "--json",
                "grandma")));
    }

    @Test
    void quotedPhrasesAndFileNames() {
        assertEquals("scan-0001.png", first(CliRunner.run("search", "--index", index, "--json", "\"q3 revenue\"")));
        assertEquals("passport-scan.png", first(CliRunner.run("search", "--index", index, "--json", "passport")));
    }

    @Test
    void infoShowsTheWordsOfAnImage() {
        Path sign = words.resolve("signs/sign-00.png");
        CliRunner.Result r = CliRunner.run("info", "--index", index, "--json", sign.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("done", r.json().get("ocr").asText(), r.out());
        assertTrue(r.json().get("ocrText").asText().toLowerCase(Locale.ROOT).contains("bakery"), r.out());
        CliRunner.Result human = CliRunner.run("info", "--index", index, words.resolve("tagged/IMG_2041.jpg").toString());
        assertTrue(human.out().contains("Sunday with Grandma"), human.out());
    }

    @Test
    void ocrFailuresAreWarningsWithReasonsAndTheBatchGoesOn() throws Exception {
        Path crash = WordsTestSet.crashingTesseract(tmp);
        Path signs = words.resolve("signs");
        CliRunner.Result crashed = CliRunner.run("index", "--index", tmp.resolve("i-crash").toString(), "--tesseract",
                crash.toString(), "--json", signs.toString());
        assertEquals(0, crashed.exit(), crashed.err());
        assertEquals(24, crashed.json().get("indexed").asInt());
        JsonNode ocr = crashed.json().get("ocr");
        assertTrue(ocr.get("failed").asInt() > 0, crashed.out());
        assertTrue(ocr.get("warnings").get(0).get("reason").asText().contains("crashed"), crashed.out());

        CliRunner.Result noLanguage = CliRunner.run("index", "--index", tmp.resolve("i-lang").toString(),
                "--ocr-lang", "xyz", signs.resolve("sign-00.png").toString());
        assertEquals(0, noLanguage.exit(), noLanguage.err());
        assertTrue(noLanguage.out().contains("warning") && noLanguage.out().contains("tesseract-ocr-xyz"),
                noLanguage.out());

        CliRunner.Result missing = CliRunner.run("index", "--index", tmp.resolve("i-none").toString(), "--tesseract",
                tmp.resolve("no-tesseract").toString(), signs.resolve("sign-00.png").toString());
        assertEquals(0, missing.exit(), missing.err());
        assertTrue(missing.out().contains("OCR did not run") && missing.out().contains("apt-get install"),
                missing.out());
    }

    @Test
    void badModesAreRefused() {
        CliRunner.Result bogus = CliRunner.run("search", "--index", index, "--mode", "fuzzy", "bakery");
        assertNotEquals(0, bogus.exit());
        assertTrue(bogus.err().contains("--mode"), bogus.err());
        CliRunner.Result image = CliRunner.run("search", "--index", index, "--mode", "text", "--image",
                PHOTOS.resolve("dog.jpg").toString());
        assertNotEquals(0, image.exit());
        assertTrue(image.err().contains("text mode"), image.err());
    }
}
