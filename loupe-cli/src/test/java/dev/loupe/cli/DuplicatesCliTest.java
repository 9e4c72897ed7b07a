package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loupe duplicates} end to end with the builtin model: a folder with a photo, an exact copy of it in another
 * folder, a re-encoded and halved copy, and a distinct photo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatesCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared")).resolve("photos");

    @TempDir
    static Path tmp;
    Path lib;
    String index;

    @BeforeAll
    void makeAndIndexTheLibrary() throws Exception {
        lib = tmp.resolve("lib");
        Files.createDirectories(lib.resolve("2019"));
        Files.createDirectories(lib.resolve("backup"));
        Files.copy(PHOTOS.resolve("chelsea.png"), lib.resolve("2019/chelsea.png"));
        Files.copy(PHOTOS.resolve("chelsea.png"), lib.resolve("backup/chelsea.png"));
        Files.copy(PHOTOS.resolve("coffee.png"), lib.resolve("2019/coffee.png"));
        writeHalfJpeg(PHOTOS.resolve("chelsea.png"), lib.resolve("backup/chelsea-small.jpg"));
        // the exact copies differ only in file time: the older one is to be kept
        Files.setLastModifiedTime(lib.resolve("2019/chelsea.png"), FileTime.fromMillis(1_500_000_000_000L));
        Files.setLastModifiedTime(lib.resolve("backup/chelsea.png"), FileTime.fromMillis(1_600_000_000_000L));
        index = tmp.resolve("index").toString();
        CliRunner.Result r = CliRunner.run("index", "--index", index, "--no-ocr", "--json", lib.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(4, r.json().get("indexed").asInt(), r.out());
    }

    private static void writeHalfJpeg(Path from, Path to) throws Exception {
        BufferedImage src = ImageIO.read(from.toFile());
        BufferedImage half = new BufferedImage(src.getWidth() / 2, src.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = half.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, half.getWidth(), half.getHeight(), null);
        g.dispose();
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(to.toFile())) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.6f);
            w.write(null, new IIOImage(half, null, null), p);
        } finally {
            w.dispose();
        }
    }

    private JsonNode duplicates(String... extra) {
        List<String> args = new ArrayList<>(List.of("duplicates", "--index", index, "--json"));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.json();
    }

    private static String rel(Path root, String path) {
        return root.relativize(Path.of(path)).toString().replace('\\', '/');
    }

    @Test
    void oneGroupWithTheExactAndTheResizedCopyKeepingTheOldestLargest() {
        JsonNode report = duplicates(lib.toString());
        assertEquals(4, report.get("images").asInt());
        JsonNode groups = report.get("groups");
        assertEquals(1, groups.size(), report.toString());
        JsonNode g = groups.get(0);
        assertEquals("NEAR", g.get("kind").asText());
        assertEquals("2019/chelsea.png", rel(lib, g.get("keeper").get("path").asText()));
        assertTrue(g.get("reason").asText().contains("oldest"), g.get("reason").asText());
        List<String> others = new ArrayList<>();
        g.get("others").forEach(m -> others.add(rel(lib, m.get("image").get("path").asText()) + " "
                + m.get("relation").asText()));
        assertEquals(2, others.size(), others.toString());
        assertTrue(others.get(0).startsWith("backup/chelsea-small.jpg cosine"), others.toString());
        assertEquals("backup/chelsea.png exact copy", others.get(1));
        assertEquals(225, g.get("others").get(0).get("image").get("width").asInt());
    }

    @Test
    void textOutputSaysWhy() {
        CliRunner.Result r = CliRunner.run("duplicates", "--index", index, lib.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("near-duplicate group 1 (3 images): keep " + lib.resolve("2019/chelsea.png")),
                r.out());
        assertTrue(r.out().contains("why: same size (451x300 px), same content; oldest"), r.out());
        assertTrue(r.out().contains("4 images: 0 exact, 1 near-duplicate, 0 similar-shot groups"), r.out());
    }

    @Test
    void onlyTheExactCopiesInAFolderOfTheirOwnScope() {
        JsonNode groups = duplicates(lib.resolve("2019/chelsea.png").toString(),
                lib.resolve("backup/chelsea.png").toString()).get("groups");
        assertEquals(1, groups.size());
        assertEquals("EXACT", groups.get(0).get("kind").asText());
    }

    @Test
    void moveToKeepsTheFolderStructureAndUndoRestores() throws Exception {
        Path aside = tmp.resolve("aside");
        JsonNode moved = duplicates("--move-to", aside.toString(), lib.toString()).get("moved");
        assertEquals(2, moved.get("moves").size());
        assertTrue(Files.isRegularFile(aside.resolve("backup/chelsea.png")));
        assertTrue(Files.isRegularFile(aside.resolve("backup/chelsea-small.jpg")));
        assertFalse(Files.exists(lib.resolve("backup/chelsea.png")));
        assertTrue(Files.isRegularFile(lib.resolve("2019/chelsea.png")));
        Path manifest = Path.of(moved.get("manifest").asText());
        assertTrue(manifest.startsWith(aside), manifest.toString());

        // a new file where a moved one was: undo refuses, and moves nothing
        Files.writeString(lib.resolve("backup/chelsea.png"), "new");
        CliRunner.Result refused = CliRunner.run("duplicates", "--undo", manifest.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("refusing to overwrite " + lib.resolve("backup/chelsea.png")), refused.err());
        assertTrue(Files.isRegularFile(aside.resolve("backup/chelsea-small.jpg")));
        Files.delete(lib.resolve("backup/chelsea.png"));

        CliRunner.Result undone = CliRunner.run("duplicates", "--undo", manifest.toString());
        assertEquals(0, undone.exit(), undone.err());
        assertTrue(undone.out().contains("moved back 2 files"), undone.out());
        assertEquals(Files.size(PHOTOS.resolve("chelsea.png")), Files.size(lib.resolve("backup/chelsea.png")));
        assertTrue(Files.isRegularFile(lib.resolve("backup/chelsea-small.jpg")));
        try (Stream<Path> left = Files.walk(aside)) {
            assertEquals(List.of(manifest), left.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void moveToRefusesToOverwriteAndMovesNothing() throws Exception {
        Path aside = tmp.resolve("occupied");
        Files.createDirectories(aside.resolve("backup"));
        Files.writeString(aside.resolve("backup/chelsea-small.jpg"), "mine");
        CliRunner.Result r = CliRunner.run("duplicates", "--index", index, "--move-to", aside.toString(),
                lib.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("refusing to overwrite " + aside.resolve("backup/chelsea-small.jpg")), r.err());
        assertEquals("mine", Files.readString(aside.resolve("backup/chelsea-small.jpg")));
        assertTrue(Files.isRegularFile(lib.resolve("backup/chelsea.png")));
        assertTrue(Files.isRegularFile(lib.resolve("backup/chelsea-small.jpg")));
    }

    @Test
    void aBadPathIsNamedInTheError() throws Exception {
        Path missing = tmp.resolve("no-such-folder");
        CliRunner.Result r = CliRunner.run("duplicates", "--index", index, missing.toString());
        assertNotEquals(0, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertEquals("", r.out());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result notIndexed = CliRunner.run("duplicates", "--index", index, empty.toString());
        assertTrue(notIndexed.err().contains("no indexed images in " + empty), notIndexed.err());

        CliRunner.Result badManifest = CliRunner.run("duplicates", "--undo", lib.resolve("2019/chelsea.png").toString());
        assertNotEquals(0, badManifest.exit());
        assertTrue(badManifest.err().contains("is not a loupe duplicates manifest"), badManifest.err());
    }
}
