package dev.loupe.engine;

import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexerTest {
    @TempDir
    Path tmp;

    static void png(Path file, Color c) throws IOException {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private IndexReport index(FakeModel model, Path dir, Path... roots) throws IOException {
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, model.info(), false)) {
            return new Indexer(new ImageDecoder(), model, index, new IndexerOptions(2, 4, 3, Duration.ofMinutes(1)))
                    .run(List.of(roots), IndexProgress.NONE);
        }
    }

    @Test
    void addsSkipsUpdatesTouchesAndRemovesIncrementally() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path idx = tmp.resolve("index");
        png(photos.resolve("red.png"), Color.RED);
        png(photos.resolve("green.png"), Color.GREEN);
        Files.createDirectories(photos.resolve("sub"));
        png(photos.resolve("sub/blue.png"), Color.BLUE);
        Files.writeString(photos.resolve("notes.jpg"), "this is text, not a JPEG");
        Files.writeString(photos.resolve("readme.txt"), "ignored: not an image extension");

        FakeModel model = new FakeModel();
        IndexReport first = index(model, idx, photos);
        assertEquals(3, first.indexed());
        assertEquals(1, first.skipped().size());
        assertTrue(first.skipped().get(0).path().endsWith("notes.jpg"));
        assertFalse(first.skipped().get(0).reason().isBlank());

        IndexReport second = index(model, idx, photos);
        assertEquals(0, second.indexed());
        assertEquals(3, second.unchanged());
        assertEquals(3, model.encodedImages, "unchanged files are not decoded or encoded again");

        png(photos.resolve("red.png"), Color.YELLOW);                      // content changed
        Files.setLastModifiedTime(photos.resolve("red.png"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(photos.resolve("green.png"), FileTime.fromMillis(2_000_000)); // touched only
        Files.delete(photos.resolve("sub/blue.png"));
        IndexReport third = index(model, idx, photos);
        assertEquals(1, third.updated());
        assertEquals(1, third.removed());
        assertEquals(1, third.unchanged());
        assertEquals(4, model.encodedImages, "a touched file keeps its vectors");

        try (LuceneImageIndex index = LuceneImageIndex.openForReading(idx, model.info())) {
            assertEquals(2, index.count());
            assertEquals(2_000_000, index.byPath(photos.resolve("green.png").toString()).orElseThrow().mtimeMillis());
        }
    }

    @Test
    void filesOutsideTheGivenRootsAreLeftAlone() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        png(a.resolve("1.png"), Color.RED);
        png(b.resolve("2.png"), Color.BLUE);
        Path idx = tmp.resolve("index");
        FakeModel model = new FakeModel();
        index(model, idx, a, b);
        IndexReport onlyA = index(model, idx, a);
        assertEquals(0, onlyA.removed());
        assertEquals(1, onlyA.unchanged());
    }

    @Test
    void everyOddFileEndsIndexedOrSkippedWithAReason() throws Exception {
        Path odd = Path.of(System.getProperty("loupe.shared"), "images-odd");
        List<Path> files;
        try (Stream<Path> s = Files.list(odd)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 8, "expected the shared odd images");
        FakeModel model = new FakeModel();
        IndexReport r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> index(model, tmp.resolve("index"), odd));
        assertEquals(files.size(), r.indexed() + r.skipped().size(), "every file is accounted for: " + r);
        r.skipped().forEach(s -> assertFalse(s.reason().isBlank(), s.path()));
        assertTrue(r.skipped().stream().anyMatch(s -> s.path().endsWith("truncated.jpg")), r.skipped().toString());
    }

    @Test
    void aMissingRootIsAClearError() {
        FakeModel model = new FakeModel();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> index(model, tmp.resolve("index"), tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"));
    }
}
