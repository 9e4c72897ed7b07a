package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.loupe.index.LuceneImageIndexTest.MODEL;
import static dev.loupe.index.LuceneImageIndexTest.record;
import static dev.loupe.index.LuceneImageIndexTest.vectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch vector reads, the streamed scan and the read-only view's commit watch, on several segments with deletes. */
class VectorReadsTest {
    @TempDir
    Path dir;

    private static String path(int i) {
        return "/photos/" + (i % 2 == 0 ? "even" : "odd") + "/p" + i + ".jpg";
    }

    /**
     * 90 images in three commits (three segments): the second and third replace some of the first (their old
     * documents stay as deletes) and the third deletes five. Returns the live images' vectors by id.
     */
    private Map<String, ImageVectors> library() throws IOException {
        Random r = new Random(7);
        Map<String, ImageVectors> live = new HashMap<>();
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            for (int round = 0; round < 3; round++) {
                for (int i = round * 30; i < 90; i += round == 0 ? 1 : 13) {
                    ImageVectors v = vectors(r);
                    index.upsert(record(path(i)), v);
                    live.put(record(path(i)).id(), v);
                }
                if (round == 2) {
                    for (int i = 3; i < 90; i += 30) {
                        index.delete(path(i));
                        live.remove(record(path(i)).id());
                    }
                }
                index.commit();
            }
        }
        return live;
    }

    @Test
    void batchReadsGiveWhatSingleReadsGiveAcrossSegmentsAndDeletes() throws Exception {
        Map<String, ImageVectors> live = library();
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertTrue(index.withSearcher(s -> s.getIndexReader().leaves().size()) >= 2, "several segments");
            assertTrue(index.withSearcher(s -> s.getIndexReader().numDeletedDocs()) > 0, "deleted documents");
            List<String> ids = new ArrayList<>();
            for (int i = 89; i >= 0; i--) { // not in index order, with deleted ids and one that never was
                ids.add(record(path(i)).id());
            }
            ids.add(3, "0000000000000000");
            for (Set<String> spaces : List.of(Set.of(Space.SEMANTIC), Set.of(Space.SEMANTIC, Space.VISUAL))) {
                Map<String, ImageVectors> batch = index.vectors(ids, spaces);
                assertEquals(ids.stream().filter(live::containsKey).toList(), List.copyOf(batch.keySet()),
                        "live ids only, in the order asked");
                for (var e : batch.entrySet()) {
                    assertEquals(spaces, e.getValue().bySpace().keySet());
                    for (String space : spaces) {
                        float[] single = index.vector(e.getKey(), space).orElseThrow();
                        assertArrayEquals(single, e.getValue().get(space), 0f, e.getKey());
                        assertArrayEquals(live.get(e.getKey()).get(space), e.getValue().get(space), 0f,
                                "the latest vectors, not a replaced document's");
                    }
                }
            }
            assertTrue(index.vectors(List.of(record(path(3)).id()), Set.of(Space.SEMANTIC)).isEmpty(), "deleted");
        }
    }

    @Test
    void theScanVisitsTheLiveImagesThatPassWithTheirVectorsLikeForEach() throws Exception {
        Map<String, ImageVectors> live = library();
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            for (ImageFilter filter : List.of(ImageFilter.NONE, ImageFilter.NONE.inFolder("/photos/odd/"))) {
                Map<String, float[]> scanned = new HashMap<>();
                index.scan(filter, Set.of(Space.VISUAL), image ->
                        assertEquals(null, scanned.put(image.record().id(), image.vector(Space.VISUAL).clone())));
                Map<String, float[]> each = new HashMap<>();
                index.forEach(filter, Set.of(Space.VISUAL), (rec, v) -> each.put(rec.id(), v.get(Space.VISUAL)));
                long expected = live.keySet().stream().filter(id -> filter.isNone()
                        || index.byId(id).orElseThrow().path().contains("/odd/")).count();
                assertEquals(expected, scanned.size(), filter.toString());
                assertEquals(each.keySet(), scanned.keySet());
                scanned.forEach((id, v) -> assertArrayEquals(live.get(id).get(Space.VISUAL), v, 0f, id));
            }
        }
    }

    /** Counts the opening of commit files (segments_N): Lucene's own freshness check reads the newest each time. */
    private static final class CountingDirectory extends FilterDirectory {
        final AtomicInteger commitReads = new AtomicInteger();

        CountingDirectory(Directory in) {
            super(in);
        }

        @Override
        public IndexInput openInput(String name, IOContext context) throws IOException {
            if (name.startsWith("segments")) {
                commitReads.incrementAndGet();
            }
            return super.openInput(name, context);
        }
    }

    @Test
    void aReadOnlyIndexSeesANewCommitAndReadsNoCommitFileOtherwise() throws Exception {
        library();
        CountingDirectory directory = new CountingDirectory(FSDirectory.open(dir));
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, directory, MODEL)) {
            int before = index.count();
            Object view = index.withSearcher(s -> s.getIndexReader());
            int opened = directory.commitReads.get();
            for (int i = 0; i < 50; i++) {
                assertEquals(before, index.count());
                index.vector(record(path(0)).id(), Space.SEMANTIC).orElseThrow();
            }
            assertEquals(opened, directory.commitReads.get(), "no commit file read while nothing was committed");
            assertSame(view, index.withSearcher(s -> s.getIndexReader()), "the same view");

            try (LuceneWritableIndex writer = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
                writer.upsert(record("/photos/new.jpg"), vectors(new Random(3)));
                assertEquals(before, index.count(), "not committed yet");
                writer.commit();
            }
            assertEquals(before + 1, index.count(), "the new commit is seen at once");
            assertTrue(index.byPath("/photos/new.jpg").isPresent());
            assertNotSame(view, index.withSearcher(s -> s.getIndexReader()));
            int afterRefresh = directory.commitReads.get();
            for (int i = 0; i < 20; i++) {
                assertFalse(index.byPath("/photos/none.jpg").isPresent());
            }
            assertEquals(afterRefresh, directory.commitReads.get(), "and then no more reads of commit files");
        }
    }
}
