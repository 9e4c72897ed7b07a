package dev.loupe.index.solr;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.TextHit;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.text.TextField;
import dev.loupe.core.text.TextMatch;
import dev.loupe.core.text.TextQuery;
import dev.loupe.index.LuceneBackend;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text search on SolrCloud against the embedded index on the same words: the embedded backend's cases (a BAKERY
 * sign, a photo whose sidecar keyword is grandma, required phrases, a filter inside the search, labels by name)
 * give the same hits, scores and highlights on a 2-shard collection, a 2-shard collection ranks as a 1-shard one
 * (collection-wide BM25 statistics), and a collection of the older configset is upgraded by a writer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrTextSearchTest {
    static final ModelInfo MODEL = SolrImageIndexTest.MODEL;
    private static final List<String> QUERIES = List.of("bakery", "grandma", "passport", "Passports", "docs",
            "q3 revenue", "\"q3 revenue\"", "\"with grandma\"", "\"grandma farm\"", "revenue report", "bakery zeppelin",
            "zeppelin", "the of and", "fresh bread daily", "\"revenue zeppelin\" report", "photo other 7",
            "our summer holiday", "summer", "\"fresh bakery\" open");

    @TempDir
    static Path luceneDir;
    private static SolrTestCluster cluster;
    private static WritableImageIndex lucene;
    private static WritableImageIndex twoShards;
    private static WritableImageIndex oneShard;

    private static ImageText text(String name, String metadata, String ocr) {
        return ImageText.read(name, metadata, "").withOcr(OcrState.DONE, ocr, "");
    }

    static ImageRecord record(String path) {
        return new ImageRecord(ImageIds.forPath(path), path, 1000, 1_500_000_000_000L, "h" + path.hashCode(), 640,
                480, -1);
    }

    /** The embedded backend's test set (TextSearchTest) and 30 more images with words, so the shards differ. */
    private static Map<String, ImageText> library() {
        Map<String, ImageText> m = new java.util.LinkedHashMap<>();
        m.put("/lib/shops/sign-00.png", text("sign 00\nshops", "", "FRESH BAKERY\nopen daily"));
        m.put("/lib/family/IMG_2041.jpg", text("IMG 2041\nfamily", "Sunday with Grandma\ngrandma\nfarm", ""));
        m.put("/lib/docs/passport-scan.png", text("passport scan\ndocs", "", ""));
        m.put("/lib/docs/report.png", text("report\ndocs", "", "Quarterly report\nQ3 revenue grew by twelve percent"));
        m.put("/lib/docs/notes.png", text("notes\ndocs", "", "revenue in Q3 was flat; Q4 revenue rose"));
        for (int i = 0; i < 10; i++) {
            m.put("/lib/other/photo-" + i + ".jpg", text("photo " + i + "\nother", "", ""));
        }
        String[] words = {"bread", "daily", "fresh", "market", "open", "report", "farm", "coffee", "street", "shop"};
        Random r = new Random(9);
        for (int i = 0; i < 30; i++) {
            StringBuilder ocr = new StringBuilder();
            for (int w = 0; w < 2 + r.nextInt(6); w++) {
                ocr.append(words[r.nextInt(words.length)]).append(' ');
            }
            m.put(String.format(Locale.ROOT, "/lib/street/IMG_%03d.jpg", i),
                    text("IMG " + i + "\nstreet", i % 4 == 0 ? "market day" : "", ocr.toString().strip()));
        }
        return m;
    }

    private static void fill(WritableImageIndex index) throws Exception {
        Random r = new Random(5);
        library().forEach((path, words) -> index.upsert(record(path), SolrImageIndexTest.vectors(r, MODEL), words));
        index.commit();
        index.setLabels(ImageIds.forPath("/lib/other/photo-3.jpg"), Map.of("summer holiday", 0.9f));
        index.commit();
        if (index instanceof SolrImageIndex solr) {
            // on Solr the labels rewrite the document; BM25 counts the old copy until a merge (the embedded index
            // updates labels in place), so merge it away to compare scores to the last digit
            solr.client.optimize(solr.collection, true, true, 1);
        }
    }

    @BeforeAll
    static void fillAll() throws Exception {
        cluster = SolrTestCluster.shared();
        lucene = new LuceneBackend(luceneDir).openForWriting(MODEL, true);
        twoShards = new SolrBackend(cluster.target(), "words2", 2, 1).openForWriting(MODEL, true);
        oneShard = new SolrBackend(cluster.target(), "words1", 1, 1).openForWriting(MODEL, true);
        for (WritableImageIndex index : List.of(lucene, twoShards, oneShard)) {
            fill(index);
        }
    }

    @AfterAll
    static void close() throws Exception {
        lucene.close();
        twoShards.close();
        oneShard.close();
    }

    private static List<TextHit> search(ImageIndex index, String q) {
        return index.searchText(TextQuery.parse(q), 10, ImageFilter.NONE);
    }

    private static String file(TextHit h) {
        return Path.of(h.image().path()).getFileName().toString();
    }

    /**
     * Hits as text: file, score to 4 digits and the marked matches; ties of score sorted by file, and when there are
     * {@code k} hits those tied with the last one left out (which of them made the cut is the index's choice).
     */
    private static List<String> described(List<TextHit> hits, int k) {
        float last = hits.size() == k ? Math.round(hits.get(k - 1).score() * 1e4f) : Float.NaN;
        return described(hits.stream().filter(h -> Math.round(h.score() * 1e4f) != last).toList());
    }

    private static List<String> described(List<TextHit> hits) {
        List<String> out = new ArrayList<>();
        hits.stream().sorted(Comparator.comparingDouble((TextHit h) -> -Math.round(h.score() * 1e4))
                .thenComparing(SolrTextSearchTest::file)).forEach(h -> {
                    StringBuilder b = new StringBuilder(file(h)).append(String.format(Locale.ROOT, " %.4f", h.score()));
                    for (TextMatch m : h.matches()) {
                        b.append(" | ").append(m.field().key()).append(": ").append(m.marked("«", "»"));
                    }
                    out.add(b.toString());
                });
        return out;
    }

    @Test
    @Order(1)
    void theSameHitsScoresAndHighlightsAsTheEmbeddedIndex() {
        for (String q : QUERIES) {
            assertEquals(described(search(lucene, q), 10), described(search(twoShards, q), 10), q);
        }
        List<TextHit> bakery = search(twoShards, "bakery");
        assertEquals("sign-00.png", file(bakery.get(0)));
        assertEquals("FRESH «BAKERY»", bakery.get(0).matches().get(0).marked("«", "»").lines().findFirst()
                .orElseThrow());
        TextHit grandma = search(twoShards, "grandma").get(0);
        assertEquals("IMG_2041.jpg", file(grandma));
        assertEquals(TextField.METADATA, grandma.matches().get(0).field());
        assertEquals(1, search(twoShards, "\"q3 revenue\"").size(), "a quoted phrase is required as a phrase");
        assertEquals(2, search(twoShards, "q3 revenue").size());
        assertTrue(search(twoShards, "\"grandma farm\"").isEmpty(), "a phrase never spans two keywords");
        assertTrue(search(twoShards, "the of and").isEmpty(), "stop words alone match nothing");
        float whole = bakery.get(0).score();
        assertTrue(whole > 0 && whole <= 1, "calibrated: " + whole);
        assertTrue(search(twoShards, "bakery zeppelin").get(0).score() < whole * 0.75);
        TextHit holiday = search(twoShards, "our summer holiday").get(0);
        assertEquals("photo-3.jpg", file(holiday));
        assertEquals(new TextMatch(TextField.LABEL, "summer holiday", List.of(new TextMatch.Span(0, 14))),
                holiday.matches().get(0));
    }

    @Test
    @Order(2)
    void twoShardsRankAsOneWithCollectionWideStatistics() {
        for (String q : QUERIES) {
            assertEquals(described(search(oneShard, q), 10), described(search(twoShards, q), 10), q);
        }
        // the shards really hold different documents, so per-shard statistics would differ
        assertTrue(twoShards.count(ImageFilter.NONE.inFolder("/lib/street")) == 30);
    }

    @Test
    @Order(3)
    void theFilterIsAppliedInsideTheSearch() {
        List<ImageFilter> filters = List.of(ImageFilter.NONE.inFolder("/lib/shops"),
                ImageFilter.NONE.inFolder("/lib/street"), ImageFilter.withLabel("summer holiday"),
                ImageFilter.withIds(List.of(ImageIds.forPath("/lib/docs/notes.png"))));
        for (ImageFilter f : filters) {
            for (String q : List.of("docs bakery", "fresh bread", "revenue", "photo summer holiday")) {
                List<TextHit> solr = twoShards.searchText(TextQuery.parse(q), 5, f);
                assertEquals(described(lucene.searchText(TextQuery.parse(q), 5, f), 5), described(solr, 5), q + " " + f);
                solr.forEach(h -> assertTrue(f.test(h.image(), twoShards.labels(h.id())), q + " " + f));
            }
        }
        List<TextHit> inShops = twoShards.searchText(TextQuery.parse("docs bakery"), 10,
                ImageFilter.NONE.inFolder("/lib/shops"));
        assertEquals(List.of("sign-00.png"), inShops.stream().map(SolrTextSearchTest::file).toList());
        assertEquals(5, twoShards.searchText(TextQuery.parse("fresh bread"), 5, ImageFilter.NONE.inFolder("/lib/street"))
                .size(), "k hits inside the filter, not k hits filtered afterwards");
    }

    /**
     * The words of many images in one call read back as the embedded index has them, in the order asked, unknown
     * ids left out, across more than one real-time-get batch.
     */
    @Test
    @Order(4)
    void textsReadsManyImagesAtOnceAsTheEmbeddedIndexDoes() {
        List<String> known = library().keySet().stream().map(ImageIds::forPath).toList().reversed();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            asked.add(String.format(Locale.ROOT, "%016x", i)); // no image has these ids
            if (i % 12 == 0 && i / 12 < known.size()) {
                asked.add(known.get(i / 12));
            }
        }
        Map<String, ImageText> solr = twoShards.texts(asked);
        assertEquals(known, List.copyOf(solr.keySet()), "every indexed id asked for, in the order asked");
        assertEquals(List.copyOf(lucene.texts(asked).entrySet()), List.copyOf(solr.entrySet()));
        String sign = ImageIds.forPath("/lib/shops/sign-00.png");
        assertEquals(library().get("/lib/shops/sign-00.png").ocr(), solr.get(sign).ocr());
        assertEquals(solr.get(sign), twoShards.text(sign).orElseThrow());
        assertTrue(twoShards.texts(List.of()).isEmpty());
        assertTrue(twoShards.text("ffffffffffffffff").isEmpty());
    }

    /** Last of the comparisons: a rewritten document leaves a deleted one behind, which BM25 counts until a merge. */
    @Test
    @Order(5)
    void setTextReplacesTheWordsAndKeepsVectorsAndLabels() {
        String id = ImageIds.forPath("/lib/other/photo-5.jpg");
        twoShards.setLabels(id, Map.of("kept", 0.5f));
        twoShards.commit();
        float[] before = twoShards.vector(id, "visual").orElseThrow();
        ImageText old = twoShards.text(id).orElseThrow();
        assertEquals(lucene.text(id).orElseThrow(), old, "the stored words read back as written");
        twoShards.setText(id, old.withOcr(OcrState.DONE, "ZEPPELIN HANGAR", ""));
        twoShards.commit();
        assertEquals("photo-5.jpg", file(search(twoShards, "zeppelin").get(0)));
        assertEquals("ZEPPELIN HANGAR", twoShards.text(id).orElseThrow().ocr());
        assertArrayEquals(before, twoShards.vector(id, "visual").orElseThrow(), 0f);
        assertEquals(Map.of("kept", 0.5f), twoShards.labels(id));
        assertEquals(45, twoShards.count());
        assertThrows(IllegalArgumentException.class, () -> twoShards.setText("ffffffffffffffff", old));
        twoShards.setText(id, old); // back as it was, for the other tests
        twoShards.setLabels(id, Map.of());
        twoShards.commit();
        assertTrue(search(twoShards, "zeppelin").isEmpty());
    }

    /**
     * A collection made by the configset of format 1 (no text fields): readers say to run {@code loupe index}, the
     * words read as unread, and a writer upgrades it in place, keeping the documents and their vectors.
     */
    @Test
    @Order(6)
    void aCollectionOfTheOlderConfigsetIsUpgradedByAWriter() throws Exception {
        String name = "format1";
        new SolrBackend(cluster.target(), name).drop();
        ImageRecord r = record("/lib/old/bakery-sign.png");
        ImageVectors v = SolrImageIndexTest.vectors(new Random(3), MODEL);
        try (CloudSolrClient admin = cluster.target().client()) {
            OlderConfigsets.create(admin, name, MODEL, 1);
            SolrInputDocument d = SolrDocuments.toDocument(r, v, Map.of(), ImageText.UNREAD);
            List.of("ocr_state", "label").forEach(d::removeField);
            new UpdateRequest().add(d).process(admin, name);
            admin.commit(name);
        }
        try (ImageIndex old = new SolrBackend(cluster.target(), name).openForReading(MODEL)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> search(old, "bakery"));
            assertTrue(e.getMessage().contains("'format1'") && e.getMessage().contains("loupe index"), e.getMessage());
            assertEquals(ImageText.UNREAD, old.text(r.id()).orElseThrow());
        }
        try (WritableImageIndex upgraded = new SolrBackend(cluster.target(), name).openForWriting(MODEL, false)) {
            assertEquals(1, upgraded.count());
            upgraded.setText(r.id(), text("bakery sign\nold", "", ""));
            upgraded.commit();
            assertEquals(r, search(upgraded, "bakery").get(0).image());
            assertArrayEquals(v.get("visual"), upgraded.vector(r.id(), "visual").orElseThrow(), 0f);
        }
        try (ImageIndex reader = new SolrBackend(cluster.target(), name).openForReading(MODEL)) {
            assertEquals(1, search(reader, "bakery").size(), "a new reader sees the upgraded format");
        } finally {
            new SolrBackend(cluster.target(), name).drop();
        }
    }
}
