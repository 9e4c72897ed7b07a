package dev.loupe.index;

import dev.loupe.core.IndexMismatchException;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Hit;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneImageIndexTest {
    static final ModelInfo MODEL = new ModelInfo("test-model", "1",
            List.of(new Space(Space.SEMANTIC, 8), new Space(Space.VISUAL, 1280)), Space.SEMANTIC);

    @TempDir
    Path dir;

    static ImageRecord record(String path) {
        return new ImageRecord(ImageIds.forPath(path), path, 100, 5, "h" + path.hashCode(), 640, 480, -1);
    }

    static float[] random(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    static ImageVectors vectors(Random r) {
        return new ImageVectors(Map.of(Space.SEMANTIC, random(r, 8), Space.VISUAL, random(r, 1280)));
    }

    @Test
    void storesRecordsAndFindsNearestInBothSpacesIncluding1280Dimensions() throws Exception {
        Random r = new Random(1);
        List<ImageVectors> all = new ArrayList<>();
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            for (int i = 0; i < 50; i++) {
                ImageVectors v = vectors(r);
                all.add(v);
                index.upsert(record("/photos/p" + i + ".jpg"), v);
            }
            index.commit();
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertEquals(50, index.count());
            for (String space : List.of(Space.SEMANTIC, Space.VISUAL)) {
                List<Hit> hits = index.nearest(new VectorQuery(space, all.get(7).get(space), 3)).hits();
                assertEquals("/photos/p7.jpg", hits.get(0).path());
                assertEquals(1f, hits.get(0).score(), 1e-3);
                assertTrue(hits.get(1).score() < hits.get(0).score());
            }
            ImageRecord rec = index.byPath("/photos/p3.jpg").orElseThrow();
            assertEquals(640, rec.width());
            assertEquals(rec, index.byId(ImageIds.forPath("/photos/p3.jpg")).orElseThrow());
            assertArrayEquals(all.get(3).get(Space.VISUAL), index.vector(rec.id(), Space.VISUAL).orElseThrow(), 0f);
            int[] seen = {0};
            index.forEach(ImageFilter.NONE, java.util.Set.of(Space.SEMANTIC), (rc, v) -> seen[0]++);
            assertEquals(50, seen[0]);
        }
    }

    @Test
    void topOneIsTheExactBestEvenWhenHnswWouldStopEarly() throws Exception {
        Random r = new Random(4);
        List<float[]> sem = new ArrayList<>();
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            for (int i = 0; i < 300; i++) {
                ImageVectors v = vectors(r);
                sem.add(v.get(Space.SEMANTIC));
                index.upsert(record("/p" + i + ".jpg"), v);
            }
            index.commit();
            for (int q = 0; q < 50; q++) {
                float[] query = random(r, 8);
                int best = 0;
                for (int i = 1; i < sem.size(); i++) {
                    if (Vectors.dot(query, sem.get(i)) > Vectors.dot(query, sem.get(best))) {
                        best = i;
                    }
                }
                List<Hit> hits = index.nearest(new VectorQuery(Space.SEMANTIC, query, 1)).hits();
                assertEquals(1, hits.size());
                assertEquals("/p" + best + ".jpg", hits.get(0).path(), "query " + q);
            }
        }
    }

    @Test
    void upsertReplacesAndDeleteRemoves() throws Exception {
        Random r = new Random(2);
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            index.upsert(record("/a.jpg"), vectors(r));
            index.upsert(record("/b.jpg"), vectors(r));
            index.upsert(record("/a.jpg"), vectors(r));
            index.refresh();
            assertEquals(2, index.count(), "near-real-time readers see uncommitted writes");
            index.delete("/b.jpg");
            index.commit();
            assertEquals(1, index.count());
            assertFalse(index.byPath("/b.jpg").isPresent());
        }
    }

    @Test
    void refusesAnIndexBuiltByAnotherModelUnlessRebuilt() throws Exception {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            index.upsert(record("/a.jpg"), vectors(new Random(3)));
            index.commit();
        }
        ModelInfo other = new ModelInfo("test-model", "2", MODEL.spaces(), Space.SEMANTIC);
        IndexMismatchException e = assertThrows(IndexMismatchException.class, () -> LuceneImageIndex.openForReading(dir, other));
        assertTrue(e.getMessage().contains("--rebuild"), e.getMessage());
        assertThrows(IndexMismatchException.class, () -> LuceneImageIndex.openForWriting(dir, other, false));
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, other, true)) {
            assertEquals(0, index.count());
        }
        assertEquals("test-model@2", LuceneImageIndex.recordedModel(dir).orElseThrow());
    }

    @Test
    void readingAMissingIndexSaysHowToBuildOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LuceneImageIndex.openForReading(dir.resolve("nope"), MODEL));
        assertTrue(e.getMessage().contains("loupe index"), e.getMessage());
    }

    @Test
    void wrongDimensionIsRejected() throws Exception {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            ImageVectors bad = new ImageVectors(Map.of(Space.SEMANTIC, new float[3], Space.VISUAL, new float[1280]));
            assertThrows(IllegalArgumentException.class, () -> index.upsert(record("/x.jpg"), bad));
        }
    }
}
