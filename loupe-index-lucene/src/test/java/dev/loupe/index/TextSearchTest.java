package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.text.TextField;
import dev.loupe.core.TextHit;
import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded index's text search: BM25 over names, metadata and OCR text, phrases, labels, filters, highlights. */
class TextSearchTest {
    @TempDir
    Path dir;
    LuceneWritableIndex index;
    final Random random = new Random(5);

    private String add(String path, ImageText text) {
        var r = LuceneImageIndexTest.record(path);
        index.upsert(r, LuceneImageIndexTest.vectors(random), text);
        return r.id();
    }

    private static ImageText text(String name, String metadata, String ocr) {
        return ImageText.read(name, metadata, "").withOcr(OcrState.DONE, ocr, "");
    }

    @BeforeEach
    void fill() {
        index = LuceneImageIndex.openForWriting(dir, LuceneImageIndexTest.MODEL, true);
        add("/lib/shops/sign-00.png", text("sign 00\nshops", "", "FRESH BAKERY\nopen daily"));
        add("/lib/family/IMG_2041.jpg", text("IMG 2041\nfamily", "Sunday with Grandma\ngrandma\nfarm", ""));
        add("/lib/docs/passport-scan.png", text("passport scan\ndocs", "", ""));
        add("/lib/docs/report.png", text("report\ndocs", "", "Quarterly report\nQ3 revenue grew by twelve percent"));
        add("/lib/docs/notes.png", text("notes\ndocs", "", "revenue in Q3 was flat; Q4 revenue rose"));
        for (int i = 0; i < 10; i++) {
            add("/lib/other/photo-" + i + ".jpg", text("photo " + i + "\nother", "", ""));
        }
        index.commit();
    }

    private List<TextHit> search(String q) {
        return index.searchText(TextQuery.parse(q), 10, ImageFilter.NONE);
    }

    private static String file(TextHit h) {
        return Path.of(h.image().path()).getFileName().toString();
    }

    @Test
    void findsAWordInEachFieldAndSaysWhere() {
        List<TextHit> bakery = search("bakery");
        assertEquals("sign-00.png", file(bakery.get(0)));
        TextMatch m = bakery.get(0).matches().get(0);
        assertEquals(TextField.OCR, m.field());
        assertEquals("FRESH «BAKERY»", m.marked("«", "»").lines().findFirst().orElseThrow());

        assertEquals("IMG_2041.jpg", file(search("grandma").get(0)));
        assertEquals(TextField.METADATA, search("grandma").get(0).matches().get(0).field());
        assertEquals("passport-scan.png", file(search("passport").get(0)));
        assertEquals(TextField.NAME, search("Passports").get(0).matches().get(0).field(), "plural folded");
        assertTrue(search("zeppelin").isEmpty());
        assertTrue(search("the of and").isEmpty(), "stop words alone match nothing");
    }

    @Test
    void scoresSayHowMuchOfTheQueryMatched() {
        float whole = search("bakery").get(0).score();
        float half = search("bakery zeppelin").get(0).score();
        assertTrue(whole > 0 && whole <= 1, "calibrated to 0..1: " + whole);
        assertTrue(half < whole * 0.75, "a word found nowhere counts against the hit: " + half + " vs " + whole);
    }

    @Test
    void quotedPhrasesAreRequiredAndMatchAsPhrases() {
        List<TextHit> loose = search("q3 revenue");
        assertEquals(2, loose.size(), "both documents have both words");
        List<TextHit> phrase = search("\"q3 revenue\"");
        assertEquals(1, phrase.size(), "only one has them as a phrase");
        assertEquals("report.png", file(phrase.get(0)));
        assertTrue(search("\"revenue zeppelin\" report").isEmpty(), "a required phrase found nowhere: no hits");
        assertTrue(search("\"grandma farm\"").isEmpty(), "a phrase never spans two keywords");
        assertEquals("IMG_2041.jpg", file(search("\"with grandma\"").get(0)));
    }

    @Test
    void theFilterIsPushedIntoTheSearch() {
        assertEquals(3, index.searchText(TextQuery.parse("docs"), 10, ImageFilter.NONE).size());
        List<TextHit> inShops = index.searchText(TextQuery.parse("docs bakery"), 10,
                ImageFilter.NONE.inFolder("/lib/shops"));
        assertEquals(1, inShops.size());
        assertEquals("sign-00.png", file(inShops.get(0)));
    }

    @Test
    void labelsMatchByTheirWholeName() {
        String id = index.byPath("/lib/other/photo-3.jpg").orElseThrow().id();
        index.setLabels(id, Map.of("summer holiday", 0.9f));
        index.commit();
        List<TextHit> hits = search("our summer holiday");
        assertEquals("photo-3.jpg", file(hits.get(0)));
        assertEquals(TextField.LABEL, hits.get(0).matches().get(0).field());
        assertEquals("summer holiday", hits.get(0).matches().get(0).snippet());
        assertTrue(search("summer").isEmpty(), "half a label's name is not the label");
    }

    /**
     * The words of many images in one call: in the order asked, unknown ids left out, an image never read as
     * {@link ImageText#UNREAD}, and the same as reading them one by one — also across a term-set batch.
     */
    @Test
    void textsReadsManyImagesAtOnceInTheOrderAsked() {
        String unread = LuceneImageIndexTest.record("/lib/other/old.jpg").id();
        index.upsert(LuceneImageIndexTest.record("/lib/other/old.jpg"), LuceneImageIndexTest.vectors(random));
        index.commit();
        List<String> known = new java.util.ArrayList<>();
        index.forEach(ImageFilter.NONE, java.util.Set.of(), (r, none) -> known.add(r.id()));
        java.util.Collections.reverse(known);
        List<String> asked = new java.util.ArrayList<>();
        for (int i = 0; i < LuceneImageIndex.TEXT_BATCH + 200; i++) {
            asked.add(String.format(java.util.Locale.ROOT, "%016x", i)); // no image has these ids
            if (i % 80 == 0 && i / 80 < known.size()) {
                asked.add(known.get(i / 80));
            }
        }
        Map<String, ImageText> texts = index.texts(asked);
        assertEquals(known, List.copyOf(texts.keySet()), "every indexed id asked for, in the order asked");
        for (String id : known) {
            assertEquals(index.text(id).orElseThrow(), texts.get(id));
        }
        assertEquals(ImageText.UNREAD, texts.get(unread));
        assertEquals("FRESH BAKERY\nopen daily",
                texts.get(index.byPath("/lib/shops/sign-00.png").orElseThrow().id()).ocr());
        assertTrue(index.texts(List.of()).isEmpty());
        assertTrue(index.text("ffffffffffffffff").isEmpty());
    }

    @Test
    void setTextReplacesTheWordsAndKeepsVectorsAndLabels() {
        String id = index.byPath("/lib/other/photo-5.jpg").orElseThrow().id();
        index.setLabels(id, Map.of("kept", 0.5f));
        index.commit();
        float[] before = index.vector(id, "visual").orElseThrow();
        ImageText old = index.text(id).orElseThrow();
        index.setText(id, old.withOcr(OcrState.DONE, "ZEPPELIN HANGAR", ""));
        index.commit();
        assertEquals("photo-5.jpg", file(search("zeppelin").get(0)));
        assertEquals(OcrState.DONE, index.text(id).orElseThrow().ocrState());
        assertEquals("ZEPPELIN HANGAR", index.text(id).orElseThrow().ocr());
        assertEquals(before[3], index.vector(id, "visual").orElseThrow()[3], 0f);
        assertEquals(Map.of("kept", 0.5f), index.labels(id));
        assertEquals(15, index.count());
        assertThrows(IllegalArgumentException.class, () -> index.setText("ffffffffffffffff", old));
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        index.close();
    }
}
