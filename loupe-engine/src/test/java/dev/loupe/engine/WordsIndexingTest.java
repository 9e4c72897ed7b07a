package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.text.TextField;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchMode;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.text.WordsTestSet;
import dev.loupe.text.ocr.OcrOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexer stores the words around each image (names, metadata, sidecars) and, in its OCR pass, the words in it;
 * the search engine finds them in text and hybrid mode and says why.
 */
class WordsIndexingTest {
    @TempDir
    Path tmp;
    final FakeModel model = new FakeModel();

    /** A plain-coloured photo with {@code word} on it, big and black, as a shop sign. */
    static void sign(Path file, String word) throws Exception {
        BufferedImage img = new BufferedImage(480, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(240, 236, 220));
        g.fillRect(0, 0, 480, 240);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString(word, 40, 150);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private Path library() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        sign(lib.resolve("shop-front.png"), "BAKERY");
        IndexerTest.png(lib.resolve("IMG_0001.png"), Color.GREEN);
        Files.writeString(lib.resolve("IMG_0001.png.xmp"), WordsTestSet.xmp("Picnic", "Grandma at the picnic",
                List.of("grandma", "picnic"), null));
        IndexerTest.png(lib.resolve("passport-scan.png"), Color.BLUE);
        IndexerTest.png(lib.resolve("plain.png"), Color.RED);
        return lib;
    }

    private IndexReport index(Path idx, OcrOptions ocr, Path lib) throws java.io.IOException {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(idx, model.info(), false)) {
            return new Indexer(new ImageDecoder(), model, index,
                    new IndexerOptions(2, 4, 50, Duration.ofMinutes(1), ocr)).run(List.of(lib), IndexProgress.NONE);
        }
    }

    private SearchResult search(Path idx, String text, SearchMode mode) {
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(idx, model.info())) {
            SearchEngine engine = new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()),
                    ProbeSettings.DEFAULT, SearchEngine.DEFAULT_EXACT_UP_TO);
            return engine.search(SearchRequest.of(QueryExpr.text(text), 3).withMode(mode));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String first(SearchResult r) {
        return Path.of(r.hits().get(0).path()).getFileName().toString();
    }

    private ImageText text(Path idx, Path file) {
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(idx, model.info())) {
            return index.text(index.byPath(file.toString()).orElseThrow().id()).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wordsInAndAroundImagesAreFoundByTextAndHybridSearch() throws Exception {
        Path lib = library();
        Path idx = tmp.resolve("index");
        IndexReport r = index(idx, OcrOptions.defaults(), lib);
        assertEquals(4, r.indexed());
        assertTrue(r.ocr().ran(), r.ocr().note());
        assertEquals(0, r.ocr().failed());
        assertEquals(0, r.ocr().pending());
        assertTrue(text(idx, lib.resolve("shop-front.png")).ocr().contains("BAKERY"));
        assertEquals(OcrState.NO_TEXT, text(idx, lib.resolve("plain.png")).ocrState(), "no text-like region");

        SearchResult bakery = search(idx, "bakery", SearchMode.TEXT);
        assertEquals("shop-front.png", first(bakery));
        assertEquals(TextField.OCR, bakery.matchesOf(bakery.hits().get(0).id()).get(0).field());
        SearchResult grandma = search(idx, "grandma", SearchMode.TEXT);
        assertEquals("IMG_0001.png", first(grandma));
        assertEquals(TextField.METADATA, grandma.matchesOf(grandma.hits().get(0).id()).get(0).field());
        assertEquals("passport-scan.png", first(search(idx, "passport", SearchMode.TEXT)));
        // hybrid: the fake model's text vectors are noise, so the words decide only where its cosines are close;
        // the word-matched image is ranked and says why (the real model's ranks: docs/quality.md, CliWordsTest)
        SearchResult hybrid = search(idx, "grandma", SearchMode.HYBRID);
        assertTrue(hybrid.stats().plan().startsWith("hybrid"), hybrid.stats().plan());
        String img = hybrid.hits().stream().filter(h -> h.path().endsWith("IMG_0001.png")).findFirst().orElseThrow()
                .id();
        assertEquals(TextField.METADATA, hybrid.matchesOf(img).get(0).field());
        assertEquals("shop-front.png", first(search(idx, "bakery", SearchMode.HYBRID)));
        SearchResult text = search(idx, "bakery", SearchMode.TEXT);
        assertEquals(1, text.hits().size(), "text mode returns only images whose words match");
        assertEquals("text", text.stats().plan());
        SearchResult semantic = search(idx, "bakery", SearchMode.SEMANTIC);
        assertTrue(semantic.matches().isEmpty(), "the embedding alone gives no word matches");
        assertEquals(3, search(idx, "bakery", SearchMode.HYBRID).hits().size(), "hybrid ranks every image");
        assertEquals(1, search(idx, "\"grandma at the picnic\" photo", SearchMode.HYBRID).hits().size(),
                "a quoted phrase must occur, also in hybrid mode");
        assertTrue(search(idx, "\"picnic at the grandma\"", SearchMode.HYBRID).hits().isEmpty(), "as a phrase");
    }

    @Test
    void theOcrPassIsSeparateAndResumable() throws Exception {
        Path lib = library();
        Path idx = tmp.resolve("index");
        IndexReport embedOnly = index(idx, null, lib);
        assertFalse(embedOnly.ocr().ran());
        assertEquals(OcrState.PENDING, text(idx, lib.resolve("shop-front.png")).ocrState());
        assertEquals("shop-front.png", first(search(idx, "shop", SearchMode.TEXT)), "names are searchable at once");
        assertTrue(search(idx, "bakery", SearchMode.TEXT).hits().isEmpty(), "the text in it is not read yet");

        IndexReport later = index(idx, OcrOptions.defaults(), lib);
        assertEquals(4, later.unchanged(), "nothing is embedded again");
        assertEquals(4, later.ocr().read() + later.ocr().noText(), "the pass reads what was queued");
        assertEquals("shop-front.png", first(search(idx, "bakery", SearchMode.TEXT)));

        IndexReport again = index(idx, OcrOptions.defaults(), lib);
        assertEquals(0, again.ocr().read() + again.ocr().noText(), "and never twice");
    }

    @Test
    void aChangedSidecarIsReadAgainWithoutReembedding() throws Exception {
        Path lib = library();
        Path idx = tmp.resolve("index");
        index(idx, null, lib);
        Path sidecar = lib.resolve("IMG_0001.png.xmp");
        Files.writeString(sidecar, WordsTestSet.xmp("Picnic", "Grandpa too", List.of("grandpa"), null));
        Files.setLastModifiedTime(sidecar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        int encoded = model.encodedImages;
        IndexReport r = index(idx, null, lib);
        assertEquals(encoded, model.encodedImages, "the image itself did not change");
        assertEquals(4, r.unchanged());
        assertEquals("IMG_0001.png", first(search(idx, "grandpa", SearchMode.TEXT)));
        assertTrue(search(idx, "grandma", SearchMode.TEXT).hits().isEmpty(), "the old keywords are gone");
    }

    @Test
    void ocrFailuresAreWarningsAndTheBatchGoesOn() throws Exception {
        Path lib = library();
        Path crash = WordsTestSet.crashingTesseract(tmp);
        IndexReport crashed = index(tmp.resolve("i1"), OcrOptions.defaults().withProgram(crash.toString()), lib);
        assertEquals(4, crashed.indexed());
        assertTrue(crashed.ocr().failed() >= 1, crashed.ocr().toString());
        assertTrue(crashed.ocr().warnings().stream().allMatch(w -> w.reason().contains("crashed")),
                crashed.ocr().warnings().toString());
        ImageText shop = text(tmp.resolve("i1"), lib.resolve("shop-front.png"));
        assertEquals(OcrState.FAILED, shop.ocrState());
        assertTrue(shop.ocrNote().contains("SIGSEGV"), shop.ocrNote());

        IndexReport noLanguage = index(tmp.resolve("i2"), OcrOptions.defaults().withLanguages("xyz"), lib);
        assertEquals(4, noLanguage.indexed());
        assertTrue(noLanguage.ocr().pending() >= 1, "missing language data leaves the images queued");
        assertTrue(noLanguage.ocr().warnings().get(0).reason().contains("tesseract-ocr-xyz"),
                noLanguage.ocr().warnings().toString());
        assertEquals(OcrState.PENDING, text(tmp.resolve("i2"), lib.resolve("shop-front.png")).ocrState());

        IndexReport missing = index(tmp.resolve("i3"), OcrOptions.defaults().withProgram("/no/such/tesseract"), lib);
        assertEquals(4, missing.indexed());
        assertFalse(missing.ocr().ran());
        assertTrue(missing.ocr().note().contains("apt-get install tesseract-ocr"), missing.ocr().note());
    }

    @Test
    void textModeRefusesAQueryWithAnImage() throws Exception {
        Path lib = library();
        Path idx = tmp.resolve("index");
        index(idx, null, lib);
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(idx, model.info())) {
            SearchEngine engine = new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()),
                    ProbeSettings.DEFAULT, SearchEngine.DEFAULT_EXACT_UP_TO);
            var e = assertThrows(IllegalArgumentException.class, () -> engine.search(SearchRequest.of(
                    QueryExpr.imagePath(lib.resolve("plain.png").toString()), 3).withMode(SearchMode.TEXT)));
            assertTrue(e.getMessage().contains("hybrid or semantic"), e.getMessage());
            List<Hit> hits = engine.search(SearchRequest.of(QueryExpr.imagePath(lib.resolve("plain.png").toString()), 3)
                    .withMode(SearchMode.HYBRID).withIncludeQueryImages(true)).hits();
            assertEquals("plain.png", Path.of(hits.get(0).path()).getFileName().toString(),
                    "an image query is ranked by the embedding in hybrid mode");
        }
    }
}
