package dev.loupe.engine;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an index run does when things go wrong around the images: the heap runs out (stop, commit, explain), a
 * resumed run's progress (unchanged files reported at once), files named like images that are not files
 * (listed with what they are).
 */
class IndexerTroubleTest {
    @TempDir
    Path tmp;

    /** The fake model, but out of memory from the {@code failAt}-th batch on. */
    private static final class ExhaustedModel implements Model {
        final FakeModel fake = new FakeModel();
        final int failAt;
        int batches;

        ExhaustedModel(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public ModelInfo info() {
            return fake.info();
        }

        @Override
        public List<ImageVectors> encodeImages(List<BufferedImage> images) {
            if (++batches >= failAt) {
                throw new OutOfMemoryError("Java heap space");
            }
            return fake.encodeImages(images);
        }

        @Override
        public List<float[]> encodeTexts(List<String> texts) {
            return fake.encodeTexts(texts);
        }

        @Override
        public List<String> defaultTagVocabulary() {
            return fake.defaultTagVocabulary();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void runningOutOfMemoryStopsTheRunAfterCommittingWhatIsDone() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN, Color.MAGENTA, Color.GRAY,
                Color.ORANGE, Color.PINK, Color.WHITE};
        for (int i = 0; i < colors.length; i++) {
            IndexerTest.png(photos.resolve("p" + i + ".png"), colors[i]);
        }
        Path idx = tmp.resolve("index");
        ExhaustedModel model = new ExhaustedModel(3);
        // batches of 2, commits only at the end: what the first two batches did is committed by the stop itself
        IndexerOptions options = new IndexerOptions(2, 2, 1000, Duration.ofHours(1));
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(idx, model.info(), false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Indexer(new ImageDecoder(), model, index, options).run(List.of(photos), IndexProgress.NONE));
            assertTrue(e.getMessage().startsWith("out of memory"), e.getMessage());
            assertTrue(e.getMessage().contains("4 images indexed before it are committed"), e.getMessage());
            assertTrue(e.getMessage().contains("loupe index") && e.getMessage().contains("-Xmx"), e.getMessage());
        }
        try (LuceneImageIndex index = LuceneImageIndex.openForReading(idx, model.info())) {
            assertEquals(4, index.count(), "the committed images survive the stop");
        }
        IndexReport resumed;
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(idx, model.info(), false)) {
            resumed = new Indexer(new ImageDecoder(), new FakeModel(), index, options)
                    .run(List.of(photos), IndexProgress.NONE);
        }
        assertEquals(6, resumed.indexed());
        assertEquals(4, resumed.unchanged());
    }

    @Test
    void aResumedRunReportsItsUnchangedFilesAtOnceNotOneByOne() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        IndexerTest.png(photos.resolve("a.png"), Color.RED);
        IndexerTest.png(photos.resolve("b.png"), Color.GREEN);
        Path idx = tmp.resolve("index");
        IndexerOptions options = new IndexerOptions(2, 4, 200, Duration.ofMinutes(1));
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(idx, FakeModel.INFO, false)) {
            new Indexer(new ImageDecoder(), new FakeModel(), index, options).run(List.of(photos), IndexProgress.NONE);
        }
        IndexerTest.png(photos.resolve("c.png"), Color.BLUE);
        List<String> events = new ArrayList<>();
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(idx, FakeModel.INFO, false)) {
            new Indexer(new ImageDecoder(), new FakeModel(), index, options).run(List.of(photos), new IndexProgress() {
                @Override
                public void started(int files) {
                    events.add("started " + files);
                }

                @Override
                public void resumed(int unchanged) {
                    events.add("resumed " + unchanged);
                }

                @Override
                public void advanced(String path) {
                    events.add("advanced " + Path.of(path).getFileName());
                }
            });
        }
        assertEquals(List.of("started 3", "resumed 2", "advanced c.png"), events);
    }

    @Test
    void filesNamedLikeImagesThatAreNotFilesAreListedWithWhatTheyAre() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        IndexerTest.png(photos.resolve("real.png"), Color.RED);
        Files.createSymbolicLink(photos.resolve("dangling.jpg"), photos.resolve("gone.jpg"));
        Files.createSymbolicLink(photos.resolve("loop-a.jpg"), photos.resolve("loop-b.jpg"));
        Files.createSymbolicLink(photos.resolve("loop-b.jpg"), photos.resolve("loop-a.jpg"));
        run("mkfifo", photos.resolve("pipe.jpg").toString());
        run("sh", "-c", "cp \"$0\" \"$1\"$(printf '\\351').jpg", photos.resolve("real.png").toString(),
                photos.resolve("caf").toString()); // "caf\xe9.jpg": Latin-1, not UTF-8

        Map<String, String> problems = new TreeMap<>();
        List<FileScanner.Found> found = FileScanner.scan(List.of(photos),
                (path, reason) -> problems.put(Path.of(path).getFileName().toString(), reason));
        assertEquals(List.of(photos.resolve("real.png")), found.stream().map(FileScanner.Found::path).toList());
        assertTrue(problems.get("dangling.jpg").contains("symbolic link to") && problems.get("dangling.jpg")
                .contains("does not exist"), problems.toString());
        assertTrue(problems.get("loop-a.jpg").contains("loop"), problems.toString());
        assertTrue(problems.get("loop-b.jpg").contains("loop"), problems.toString());
        assertTrue(problems.get("pipe.jpg").contains("named pipe"), problems.toString());
        String latin1 = problems.keySet().stream().filter(n -> n.startsWith("caf")).findFirst().orElseThrow(
                () -> new AssertionError("the Latin-1 name is listed: " + problems));
        assertTrue(problems.get(latin1).contains("name is not valid"), problems.toString());
        assertEquals(5, problems.size(), problems.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
    }
}
