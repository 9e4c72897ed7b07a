package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An index written before date and size filters existed is upgraded in place, without embedding anything again. */
class IndexFormatUpgradeTest {
    @TempDir
    Path dir;

    /** A document as format 1 wrote it: no points on date, size, width and height. */
    private static Document formatOne(ImageRecord r, ImageVectors v) {
        Document d = new Document();
        d.add(new StringField(ImageDocuments.ID, r.id(), Field.Store.YES));
        d.add(new StringField(ImageDocuments.PATH, r.path(), Field.Store.YES));
        d.add(new StoredField(ImageDocuments.SIZE, r.size()));
        d.add(new StoredField(ImageDocuments.MTIME, r.mtimeMillis()));
        d.add(new StringField(ImageDocuments.HASH, r.contentHash(), Field.Store.YES));
        d.add(new StoredField(ImageDocuments.WIDTH, r.width()));
        d.add(new StoredField(ImageDocuments.HEIGHT, r.height()));
        d.add(new StoredField(ImageDocuments.TAKEN, r.takenMillis()));
        d.add(new LongPoint(ImageDocuments.TAKEN, r.takenMillis()));
        d.add(new NumericDocValuesField(ImageDocuments.TAKEN, r.takenMillis()));
        for (Map.Entry<String, float[]> e : v.bySpace().entrySet()) {
            d.add(new KnnFloatVectorField(ImageDocuments.vectorField(e.getKey()), e.getValue(),
                    VectorSimilarityFunction.DOT_PRODUCT));
        }
        return d;
    }

    @Test
    void anOldIndexRefusesDateFiltersUntilAWriterUpgradesItKeepingVectorsAndLabels() throws Exception {
        Random random = new Random(2);
        try (var directory = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(directory, new IndexWriterConfig().setCodec(LuceneWritableIndex.codec()))) {
            for (int i = 0; i < 20; i++) {
                ImageRecord r = new ImageRecord(String.format("%016x", i), "/p/" + i + ".jpg", 10, i * 1000L, "h" + i,
                        100, 100, -1);
                w.addDocument(formatOne(r, LuceneImageIndexTest.vectors(random)));
            }
            w.setLiveCommitData(Map.of(IndexCommitData.MODEL_KEY, LuceneImageIndexTest.MODEL.fingerprint(),
                    IndexCommitData.SPACES_KEY, "semantic:8,visual:1280").entrySet());
            w.commit();
        }
        ImageFilter early = ImageFilter.NONE.datedIn(ImageFilter.Range.atMost(4_000));
        float[] q = LuceneImageIndexTest.random(random, 8);
        try (LuceneImageIndex old = LuceneImageIndex.openForReading(dir, LuceneImageIndexTest.MODEL)) {
            assertEquals("1", old.stats().get("format"));
            var e = assertThrows(IllegalStateException.class, () -> old.count(early));
            assertTrue(e.getMessage().contains("loupe index") && e.getMessage().contains("upgrade"), e.getMessage());
            assertEquals(20, old.count(ImageFilter.NONE.inFolder("/p")), "folder filters need no new field");
            var t = assertThrows(IllegalStateException.class, () -> old.searchText(
                    dev.loupe.core.text.TextQuery.parse("bakery"), 5, ImageFilter.NONE));
            assertTrue(t.getMessage().contains("upgrade"), t.getMessage());
        }
        ImageVectors before;
        try (LuceneImageIndex old = LuceneImageIndex.openForReading(dir, LuceneImageIndexTest.MODEL)) {
            before = old.vectors(String.format("%016x", 3)).orElseThrow();
        }
        try (LuceneWritableIndex upgraded = LuceneImageIndex.openForWriting(dir, LuceneImageIndexTest.MODEL, false)) {
            assertEquals(String.valueOf(IndexCommitData.FORMAT), upgraded.stats().get("format"));
            assertEquals(20, upgraded.count());
            assertEquals(5, upgraded.count(early));
            var hits = upgraded.nearest(new VectorQuery(Space.SEMANTIC, q, 10, early)).hits();
            assertEquals(5, hits.size());
            hits.forEach(h -> assertTrue(h.image().mtimeMillis() <= 4_000, h.path()));
            float[] kept = upgraded.vectors(String.format("%016x", 3)).orElseThrow().get(Space.VISUAL);
            assertEquals(before.get(Space.VISUAL)[7], kept[7], 0f, "vectors are carried over, not recomputed");
            var text = upgraded.text(String.format("%016x", 3)).orElseThrow();
            assertFalse(text.isRead(), "the next index run reads the words of upgraded documents");
            assertEquals(dev.loupe.core.text.OcrState.PENDING, text.ocrState(), "and the OCR pass finds them pending");
        }
        try (LuceneImageIndex reopened = LuceneImageIndex.openForReading(dir, LuceneImageIndexTest.MODEL)) {
            assertEquals(5, reopened.count(early), "the upgrade was committed");
            int[] n = {0};
            reopened.forEach(early, Set.of(Space.SEMANTIC), (r, v) -> n[0]++);
            assertEquals(5, n[0]);
        }
    }
}
