package dev.loupe.index;

import dev.loupe.core.VectorQuery;
import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.loupe.index.LuceneImageIndexTest.MODEL;
import static dev.loupe.index.LuceneImageIndexTest.record;
import static dev.loupe.index.LuceneImageIndexTest.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneImageIndexLabelsTest {
    @TempDir
    Path dir;

    private final List<ImageVectors> all = new ArrayList<>();

    private LuceneWritableIndex filled(int n) {
        Random r = new Random(3);
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false);
        for (int i = 0; i < n; i++) {
            ImageVectors v = vectors(r);
            all.add(v);
            index.upsert(record("/p/" + i + ".jpg"), v);
        }
        index.commit();
        return index;
    }

    private static String id(int i) {
        return record("/p/" + i + ".jpg").id();
    }

    @Test
    void modelLabelsAreFilteredLikeOwnLabelsAndNeitherWipesTheOther() throws Exception {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            fill(index, 10, 5, i -> i < 3 ? Map.of("animal", 0.9f, "cat", 0.8f)
                    : i < 5 ? Map.of("animal", 0.45f) : Map.of());
            index.setLabels(id(0), Map.of("holiday", 1f)); // classify replaces its own labels only
            index.setLabels(id(7), Map.of("cat", 0.6f));
            index.commit();
            index.upsert(record("/p/7.jpg"), all.get(7)); // re-indexing the same content keeps classify's labels
            index.commit();
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertEquals(Map.of("holiday", 1f), index.labels(id(0)));
            assertEquals(Map.of("animal", 0.9f, "cat", 0.8f), index.vectors(id(0)).orElseThrow().labels());
            float[] q = all.get(9).get(Space.SEMANTIC);
            assertEquals(Set.of(id(0), id(1), id(2), id(3), id(4)), ids(index, q, ImageFilter.withLabel("animal")));
            assertEquals(Set.of(id(0), id(1), id(2)),
                    ids(index, q, ImageFilter.NONE.withLabels(List.of("animal"), 0.5f)));
            assertEquals(Set.of(id(0), id(1), id(2), id(7)), ids(index, q, ImageFilter.withLabel("cat")));
            assertEquals(Set.of(id(0)), ids(index, q, ImageFilter.withLabel("holiday")));
        }
    }

    @Test
    void modelLabelsBelowTheModelsThresholdAreEvidenceNotLabelsAndAreReadBackInOneBatch() throws Exception {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            fill(index, 8, 8, i -> i < 3 ? Map.of("animal", 0.9f, "dog", 0.6f)
                    : i < 5 ? Map.of("animal", 0.1f) : Map.of());
            index.setLabels(id(5), Map.of("animal", 0.2f)); // the user's own label, at a low confidence
            index.commit();
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            float[] q = all.get(7).get(Space.SEMANTIC);
            ImageFilter animals = ImageFilter.withLabel("animal").withMinModelConfidence(0.4f);
            assertEquals(Set.of(id(0), id(1), id(2), id(5)), ids(index, q, animals));
            assertEquals(Set.of(id(0), id(1), id(2), id(3), id(4), id(5)), ids(index, q, ImageFilter.withLabel("animal")));
            assertEquals(4, index.count(animals));
            for (int i = 0; i < 8; i++) { // the index agrees with the reference semantics
                assertEquals(animals.test(record("/p/" + i + ".jpg"), index.labels(id(i)),
                        index.vectors(id(i)).orElseThrow().labels()), ids(index, q, animals).contains(id(i)), "image " + i);
            }
            Map<String, Map<String, Float>> p = index.modelLabels(List.of(id(3), id(0), id(6), "nope"),
                    Set.of("animal", "dog"));
            assertEquals(Map.of(id(0), Map.of("animal", 0.9f, "dog", 0.6f), id(3), Map.of("animal", 0.1f)), p);
            assertEquals(Map.of(), index.modelLabels(List.of(id(0)), Set.of("vehicle")));
        }
    }

    /** Adds {@code n} images of random vectors, image i with the model labels {@code labels(i)}, and commits. */
    private void fill(LuceneWritableIndex index, int n, long seed,
                      java.util.function.IntFunction<Map<String, Float>> labels) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            ImageVectors v = vectors(r).withLabels(labels.apply(i));
            all.add(v);
            index.upsert(record("/p/" + i + ".jpg"), v);
        }
        index.commit();
    }

    private static Set<String> ids(LuceneImageIndex index, float[] q, ImageFilter filter) {
        Set<String> out = new java.util.HashSet<>();
        index.nearest(new VectorQuery(Space.SEMANTIC, q, 20, filter)).hits().forEach(h -> out.add(h.id()));
        return out;
    }

    @Test
    void labelsPersistAcrossReopenAndFilterNearestInBothSpaces() throws Exception {
        try (LuceneWritableIndex index = filled(40)) {
            for (int i = 0; i < 40; i++) {
                index.setLabels(id(i), i % 4 == 0 ? Map.of("cat", 0.9f) : i % 4 == 1 ? Map.of("dog", 0.4f) : Map.of());
            }
            index.commit();
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertEquals(Map.of("cat", 0.9f), index.labels(id(8)));
            assertEquals(Map.of("dog", 0.4f), index.labels(id(9)));
            assertEquals(Map.of(), index.labels(id(10)));
            for (String space : List.of(Space.SEMANTIC, Space.VISUAL)) {
                // the query is image 5 (a dog): with the cat filter, every hit is a cat
                List<Hit> cats = index.nearest(new VectorQuery(space, all.get(5).get(space), 20, ImageFilter.withLabel("cat"))).hits();
                assertEquals(10, cats.size());
                cats.forEach(h -> assertTrue(index.labels(h.id()).containsKey("cat"), h.path()));
                List<Hit> dogs = index.nearest(new VectorQuery(space, all.get(5).get(space), 3, ImageFilter.withLabel("dog"))).hits();
                assertEquals("/p/5.jpg", dogs.get(0).path());
            }
            // confident dogs only: none (they have 0.4)
            assertEquals(0, index.nearest(new VectorQuery(Space.SEMANTIC, all.get(5).get(Space.SEMANTIC), 5,
                    ImageFilter.NONE.withLabels(List.of("dog"), 0.5f))).hits().size());
            assertEquals(20, index.nearest(new VectorQuery(Space.SEMANTIC, all.get(5).get(Space.SEMANTIC), 30,
                    ImageFilter.withLabel("dog", "cat"))).hits().size());
            assertEquals(0, index.nearest(new VectorQuery(Space.SEMANTIC, all.get(5).get(Space.SEMANTIC), 5,
                    ImageFilter.withLabel("bird"))).hits().size());
            List<Hit> two = index.nearest(new VectorQuery(Space.VISUAL, all.get(0).get(Space.VISUAL), 10,
                    ImageFilter.withIds(List.of(id(3), id(17))))).hits();
            assertEquals(Set.of("/p/3.jpg", "/p/17.jpg"), Set.of(two.get(0).path(), two.get(1).path()));
            assertEquals(2, two.size());
        }
    }

    @Test
    void relabellingReplacesAndEmptyMapRemoves() throws Exception {
        try (LuceneWritableIndex index = filled(5)) {
            index.setLabels(id(1), Map.of("cat", 0.9f, "pet", 0.7f));
            index.commit();
            assertEquals(List.of("cat", "pet"), List.copyOf(index.labels(id(1)).keySet()), "highest confidence first");
            index.setLabels(id(1), Map.of("dog", 0.6f));
            index.commit();
            assertEquals(Map.of("dog", 0.6f), index.labels(id(1)));
            index.setLabels(id(1), Map.of());
            index.commit();
            assertEquals(Map.of(), index.labels(id(1)));
            assertEquals(0, index.nearest(new VectorQuery(Space.SEMANTIC, all.get(1).get(Space.SEMANTIC), 5,
                    ImageFilter.withLabel("dog", "cat", "pet"))).hits().size());
        }
    }

    @Test
    void upsertKeepsLabelsOfUnchangedContentAndDropsThemWhenContentChanges() throws Exception {
        try (LuceneWritableIndex index = filled(3)) {
            index.setLabels(id(0), Map.of("cat", 0.8f));
            index.setLabels(id(1), Map.of("cat", 0.8f));
            // no commit in between: upsert must still see the pending labels
            ImageRecord touched = record("/p/0.jpg");
            index.upsert(new ImageRecord(touched.id(), touched.path(), touched.size(), touched.mtimeMillis() + 1000,
                    touched.contentHash(), touched.width(), touched.height(), -1), all.get(0));
            ImageRecord changed = record("/p/1.jpg");
            index.upsert(new ImageRecord(changed.id(), changed.path(), 999, 7, "other-hash", 10, 10, -1), all.get(1));
            index.commit();
            assertEquals(Map.of("cat", 0.8f), index.labels(id(0)), "touched file keeps its labels");
            assertEquals(Map.of(), index.labels(id(1)), "changed file loses its stale labels");
            assertEquals(1, index.nearest(new VectorQuery(Space.SEMANTIC, all.get(0).get(Space.SEMANTIC), 5,
                    ImageFilter.withLabel("cat"))).hits().size());
        }
    }

    @Test
    void badLabelsAndUnknownIdsAreClearErrors() throws Exception {
        try (LuceneWritableIndex index = filled(2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> index.setLabels("0123456789abcdef", Map.of("cat", 1f)));
            assertTrue(e.getMessage().contains("no image with id 0123456789abcdef"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> index.setLabels(id(0), Map.of("cat", 1.5f)));
            assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> index.setLabels(id(0), Map.of(" cat", 0.5f)));
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            // a read-only index has no write methods at all: the type says so, not a run-time check
            assertFalse(dev.loupe.core.WritableImageIndex.class.isAssignableFrom(index.getClass()));
        }
    }
}
