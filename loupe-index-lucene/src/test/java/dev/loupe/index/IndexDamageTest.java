package dev.loupe.index;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Space;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static dev.loupe.index.LuceneImageIndexTest.MODEL;
import static dev.loupe.index.LuceneImageIndexTest.record;
import static dev.loupe.index.LuceneImageIndexTest.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four damages of issue 13 on an index of two segments (folders /a and /b, 15 images each): every way of
 * opening says "damaged", names the file and the repair command; {@link IndexCheck} reports it per segment; the
 * salvage copies what is sound and names the folders to encode again; {@code --rebuild} moves the damaged index
 * aside. (The CLI's test repairs real photos end to end.)
 */
class IndexDamageTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void build() {
        dir = tmp.resolve("index");
        Random r = new Random(3);
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false)) {
            for (String folder : List.of("/a", "/b")) {
                for (int i = 0; i < 15; i++) {
                    index.upsert(record(folder + "/p" + i + ".jpg"), vectors(r));
                }
                index.commit(); // one segment per folder
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(IndexHealth.State.HEALTHY, IndexCheck.check(dir).state(), IndexCheck.check(dir).toString());
    }

    private static void assertDamaged(IndexDamagedException e, String file) {
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains(file), file + " in: " + e.getMessage());
        assertTrue(e.getMessage().contains("loupe check --repair --index " + e.dir()), e.getMessage());
    }

    private void assertEveryOpenSaysDamaged(String file) {
        assertDamaged(assertThrows(IndexDamagedException.class, () -> LuceneImageIndex.openForReading(dir, MODEL)), file);
        assertDamaged(assertThrows(IndexDamagedException.class, () -> LuceneImageIndex.openForWriting(dir, MODEL, false)), file);
    }

    private IndexHealth assertCheckFinds(String file, String segment) {
        IndexHealth h = IndexCheck.check(dir);
        assertEquals(IndexHealth.State.DAMAGED, h.state(), h.toString());
        assertTrue(h.problems().stream().anyMatch(p -> file.equals(p.file())
                && (segment == null || segment.equals(p.segment()))), h.problems().toString());
        return h;
    }

    @Test
    void truncatedVectors() throws Exception {
        String name = IndexDamage.truncateVectors(dir, "_0");
        assertEveryOpenSaysDamaged(name);
        assertCheckFinds(name, "_0");
        IndexRepair.Salvage s = salvage();
        assertEquals(15, s.copied(), "segment _1 is sound");
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), s.folders());
    }

    @Test
    void emptiedSegmentInfo() throws Exception {
        String name = IndexDamage.emptySegmentInfo(dir, "_0");
        assertEveryOpenSaysDamaged(name);
        assertDamaged(assertThrows(IndexDamagedException.class, () -> LuceneImageIndex.recordedModel(dir)), name);
        assertCheckFinds(name, null);
        IndexRepair.Salvage s = salvage();
        assertEquals(0, s.copied(), "the commit cannot be read");
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), s.folders(), "from loupe-folders.txt");
    }

    @Test
    void garbageInTheCommit() throws Exception {
        String name = IndexDamage.garbageInCommit(dir, 5);
        assertEveryOpenSaysDamaged(name);
        assertCheckFinds(name, null);
        assertEquals(0, salvage().copied());
    }

    @Test
    void randomBytesInTheVectorFileAreSkippedByQueriesAndFoundByTheCheck() throws Exception {
        String name = IndexDamage.randomBytesInVectors(dir, "_1", 16 * 1024, 7);
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(dir, MODEL)) {
            List<float[]> seen = new ArrayList<>();
            index.forEach(ImageFilter.NONE, Set.of(Space.VISUAL), (rec, v) -> seen.add(v.get(Space.VISUAL)));
            assertTrue(seen.size() < 30 && seen.size() >= 15, "damaged vectors are left out: " + seen.size());
            for (float[] v : seen) {
                assertTrue(StoredVectors.sound(v));
            }
            for (Hit h : index.nearest(new VectorQuery(Space.VISUAL, LuceneImageIndexTest.random(new Random(9), 1280),
                    30)).hits()) {
                assertTrue(Float.isFinite(h.score()) && h.score() <= 1.001f, h.toString());
            }
        }
        IndexHealth h = assertCheckFinds(name, "_1");
        assertTrue(h.problems().get(0).message().contains("checksum"), h.problems().toString());
        assertEquals(15, salvage().copied(), "segment _0 is sound");
    }

    @Test
    void rebuildMovesADamagedIndexAsideInsteadOfOverwritingIt() throws Exception {
        IndexDamage.emptySegmentInfo(dir, "_0");
        try (LuceneWritableIndex fresh = LuceneImageIndex.openForWriting(dir, MODEL, true)) {
            assertEquals(0, fresh.count());
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith("index.damaged-")).toList();
            assertEquals(1, aside.size());
            assertTrue(Files.exists(aside.get(0).resolve("_0.si")), "the damaged files are kept");
        }
    }

    @Test
    void aDeletedLockFileIsExplainedNotReportedAsABarePath() throws Exception {
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, MODEL, false);
        Files.delete(dir.resolve("write.lock"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> { // Lucene notices on the next write
            index.upsert(record("/c/new.jpg"), vectors(new Random(4)));
            index.commit();
        });
        assertTrue(e.getMessage().contains("lock file " + dir.resolve("write.lock") + " was deleted"), e.getMessage());
        assertTrue(e.getMessage().contains("run the command again"), e.getMessage());
        try {
            index.close();
        } catch (IOException | RuntimeException closing) {
            // closing a writer that lost its lock may fail as well; the commit's message is what the user sees
        }
        try (LuceneImageIndex reopened = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertEquals(30, reopened.count(), "what was committed before is intact");
        }
    }

    private IndexRepair.Salvage salvage() throws IOException {
        Path moved = IndexRepair.moveAside(dir);
        assertFalse(Files.exists(dir));
        IndexRepair.Salvage s = IndexRepair.salvage(moved, dir, MODEL);
        try (LuceneImageIndex repaired = LuceneImageIndex.openForReading(dir, MODEL)) {
            assertEquals(s.copied(), repaired.count());
        }
        assertEquals(IndexHealth.State.HEALTHY, IndexCheck.check(dir).state());
        assertTrue(Files.exists(moved), "the damaged index is kept");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".loupe-repair-")),
                    "the scratch copy is gone");
        }
        return s;
    }
}
