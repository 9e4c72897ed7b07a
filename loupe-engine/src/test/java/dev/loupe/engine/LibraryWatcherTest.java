package dev.loupe.engine;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watched folder, end to end on the real file system (inotify on Linux) with the fake model: a copy, a rename, a
 * modification and a deletion each reach the index within a bounded wait; moves and copies reuse the stored vectors
 * (the model's encode counter does not move); a root that vanishes keeps its images and is re-scanned when back.
 */
class LibraryWatcherTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final LibraryWatcher.Settings FAST = new LibraryWatcher.Settings(Duration.ofMillis(300),
            Duration.ofMinutes(10), Duration.ofMillis(300));

    @TempDir
    Path tmp;

    final FakeModel model = new FakeModel();
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    LuceneWritableIndex index;
    LibraryWatcher watcher;
    Thread thread;

    /** Records every event as a line: {@code moved /a/b.png from /a/c.png}, {@code offline /a}, … */
    final class Recorder implements LibraryWatcher.Listener {
        @Override
        public void changed(FileChange c) {
            events.add(c.kind().name().toLowerCase() + " " + c.path() + (c.from() == null ? "" : " from " + c.from()));
        }

        @Override
        public void offline(Path root, int kept) {
            events.add("offline " + root + " kept " + kept);
        }

        @Override
        public void online(Path root) {
            events.add("online " + root);
        }

        @Override
        public void synced(List<Path> paths, IndexReport report, int images) {
            events.add("synced " + images);
        }

        @Override
        public void problem(String message) {
            events.add("problem " + message);
        }
    }

    private void watch(Path... roots) throws Exception {
        index = LuceneImageIndex.openForWriting(tmp.resolve("index"), model.info(), false);
        Indexer indexer = new Indexer(new ImageDecoder(), model, index, new IndexerOptions(1, 4, 50, Duration.ofSeconds(5)));
        watcher = new LibraryWatcher(indexer, index, List.of(roots), FAST, new Recorder());
        thread = new Thread(() -> {
            try {
                watcher.run();
            } catch (Exception e) {
                events.add("problem " + e);
            }
        }, "watch-test");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (watcher != null) {
            watcher.close();
            thread.join(30_000);
            index.close();
        }
    }

    /** The indexed images: file name → content hash. */
    private Map<String, String> indexed() {
        Map<String, String> out = new TreeMap<>();
        index.forEach(ImageFilter.NONE, Set.of(), (ImageRecord r, dev.loupe.core.ImageVectors none) ->
                out.put(tmp.relativize(Path.of(r.path())).toString(), r.contentHash()));
        return out;
    }

    private int encoded() {
        synchronized (model) {
            return model.encodedImages;
        }
    }

    /** Polls until {@code condition} holds, up to {@link #WAIT}; the assertion is the condition, never the time. */
    private void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " did not happen within " + WAIT + "; index " + indexed() + "; events "
                + events);
    }

    @Test
    void aCopyARenameAChangeAndADeletionReachTheIndexAndMovesReuseTheVectors() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        IndexerTest.png(photos.resolve("red.png"), Color.RED);
        IndexerTest.png(photos.resolve("green.png"), Color.GREEN);
        watch(photos);
        await("the first sync", () -> indexed().size() == 2);
        assertEquals(2, encoded());

        Files.copy(photos.resolve("red.png"), photos.resolve("red-copy.png"));
        await("the copy", () -> indexed().containsKey("photos/red-copy.png"));
        assertEquals(2, encoded(), "a copy takes the vectors of the indexed file with the same content");
        assertTrue(events.contains("copied " + photos.resolve("red-copy.png") + " from " + photos.resolve("red.png")),
                events.toString());

        Files.createDirectories(photos.resolve("sub"));
        String greenHash = indexed().get("photos/green.png");
        Files.move(photos.resolve("green.png"), photos.resolve("sub/renamed.png"));
        await("the rename", () -> indexed().containsKey("photos/sub/renamed.png")
                && !indexed().containsKey("photos/green.png"));
        assertEquals(greenHash, indexed().get("photos/sub/renamed.png"));
        assertEquals(2, encoded(), "a moved file is not embedded again");
        assertTrue(events.contains("moved " + photos.resolve("sub/renamed.png") + " from "
                + photos.resolve("green.png")), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("removed")), "a move is not a removal: " + events);

        String redHash = indexed().get("photos/red.png");
        IndexerTest.png(photos.resolve("red.png"), Color.YELLOW);
        await("the change", () -> !redHash.equals(indexed().get("photos/red.png")));
        assertEquals(3, encoded(), "changed content is embedded again");

        Files.delete(photos.resolve("red-copy.png"));
        await("the deletion", () -> !indexed().containsKey("photos/red-copy.png"));
        assertEquals(Set.of("photos/red.png", "photos/sub/renamed.png"), indexed().keySet());
        assertTrue(events.contains("removed " + photos.resolve("red-copy.png")), events.toString());
    }

    @Test
    void aRootThatVanishesKeepsItsImagesAndIsRescannedWhenItIsBack() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("drive"));
        IndexerTest.png(photos.resolve("a.png"), Color.RED);
        IndexerTest.png(photos.resolve("b.png"), Color.BLUE);
        watch(photos);
        await("the first sync", () -> indexed().size() == 2);

        Path away = tmp.resolve("elsewhere");
        Files.move(photos, away); // unplugged: the folder is gone
        await("the root going offline", () -> events.contains("offline " + photos + " kept 2"));
        IndexerTest.png(away.resolve("c.png"), Color.GREEN); // added while away
        Files.move(away, photos);
        await("the root coming back", () -> events.contains("online " + photos));
        await("the re-scan of the root", () -> indexed().containsKey("drive/c.png"));
        assertEquals(Set.of("drive/a.png", "drive/b.png", "drive/c.png"), indexed().keySet(),
                "the images of the vanished root were kept");
        assertTrue(events.stream().noneMatch(e -> e.startsWith("removed")), events.toString());
        assertEquals(3, encoded(), "only the new file was embedded");

        // an unmounted drive leaves an empty mount point: that is offline too, not "every photo deleted"
        Files.move(photos, away);
        Files.createDirectories(photos);
        await("the empty root going offline", () -> events.stream().filter(e -> e.equals("offline " + photos
                + " kept 3")).count() == 1);
        Files.delete(photos);
        Files.move(away, photos);
        await("the root coming back again", () -> events.stream().filter(e -> e.equals("online " + photos)).count() == 2);
        assertEquals(3, indexed().size());
        assertNotEquals(0, events.stream().filter(e -> e.startsWith("synced")).count());
    }
}
