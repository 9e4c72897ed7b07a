package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The issue's acceptance checks, with the real builtin model on the shared photos. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {
    static final Path SHARED = Path.of(System.getProperty("loupe.shared"));
    static final Path PHOTOS = SHARED.resolve("photos").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    String index;

    @BeforeAll
    void indexThePhotos() {
        index = tmp.resolve("index").toString();
        CliRunner.Result r = CliRunner.run("index", "--index", index, "--json", PHOTOS.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode report = r.json();
        assertEquals(21, report.get("indexed").asInt(), r.out());
        assertEquals(0, report.get("skipped").size(), r.out());
    }

    private String first(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.err());
        JsonNode results = r.json().get("results");
        assertTrue(results.size() > 0, r.out());
        return Path.of(results.get(0).get("path").asText()).getFileName().toString();
    }

    @ParameterizedTest
    @CsvSource({"a cat, chelsea.png", "a cup of coffee, coffee.png", "a rocket, rocket.jpg"})
    void textQueriesFindTheRightPhotoFirst(String text, String expected) {
        assertEquals(expected, first(CliRunner.run("search", "--index", index, "-k", "1", "--json", text)));
        assertEquals(expected, first(CliRunner.run("search", "--index", index, "-k", "5", "--json", text)));
    }

    @Test
    void similarFindsTheIndexedPhotoAndAnUnindexedCopyOfIt() throws Exception {
        assertEquals("chelsea.png", first(CliRunner.run("similar", "--index", index, "--json", PHOTOS.resolve("chelsea.png").toString())));
        Path copy = Files.copy(PHOTOS.resolve("chelsea.png"), tmp.resolve("new-photo.png"));
        CliRunner.Result r = CliRunner.run("similar", "--index", index, "-k", "3", "--json", copy.toString());
        assertEquals("chelsea.png", first(r));
        assertEquals(1.0, r.json().get("results").get(0).get("score").asDouble(), 1e-3);
    }

    private List<String> tags(String photo, int k) {
        CliRunner.Result r = CliRunner.run("tags", "-k", Integer.toString(k), "--json", PHOTOS.resolve(photo).toString());
        assertEquals(0, r.exit(), r.err());
        List<String> tags = new ArrayList<>();
        r.json().get("tags").forEach(t -> tags.add(t.get("tag").asText()));
        assertEquals(k, tags.size());
        return tags;
    }

    @Test
    void tagsNameTheCatAndZeroShotTheGiraffe() {
        assertTrue(tags("chelsea.png", 3).contains("cat"), tags("chelsea.png", 3).toString());
        // "giraffe" is not one of the 1000 ImageNet classes: this is the zero-shot case (issue #2: top 5 of the
        // ~1,400 default words; measured 4th, docs/quality.md).
        assertTrue(tags("giraffe.jpg", 5).contains("giraffe"), tags("giraffe.jpg", 5).toString());
    }

    @Test
    void tagsWithAUserVocabulary() throws Exception {
        Path vocab = Files.writeString(tmp.resolve("vocab.txt"), "# mine\nspaceship\nkitten\nteapot\n");
        CliRunner.Result r = CliRunner.run("tags", "-k", "3", "--vocab", vocab.toString(), "--json", PHOTOS.resolve("chelsea.png").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("kitten", r.json().get("tags").get(0).get("tag").asText(), r.out());
    }

    @Test
    void infoReportsModelCountAndSize() {
        CliRunner.Result r = CliRunner.run("info", "--index", index, "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(21, r.json().get("images").asInt());
        assertTrue(r.json().get("bytesOnDisk").asLong() > 0);
        assertTrue(r.json().get("model").asText().startsWith("loupe-builtin@"));
    }

    @Test
    void humanOutputShowsScores() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "-k", "2", "a rocket");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().matches("\\s*0\\.\\d{4}\\s+/.*rocket\\.jpg.*"), r.out());
    }

    @Test
    void errorsAreOneLineOnStderrWithNonZeroExit() {
        List<CliRunner.Result> bad = List.of(
                CliRunner.run("search", "--index", tmp.resolve("missing").toString(), "a cat"),
                CliRunner.run("similar", "--index", index, tmp.resolve("nope.jpg").toString()),
                CliRunner.run("search", "--index", index, "-k", "0", "a cat"),
                CliRunner.run("tags", "--vocab", tmp.resolve("no-vocab.txt").toString(), PHOTOS.resolve("dog.jpg").toString()),
                CliRunner.run("search", "--bogus-option", "x"));
        for (CliRunner.Result r : bad) {
            assertNotEquals(0, r.exit(), r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("loupe: "), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void anIndexOfAnotherModelIsRefusedWithARebuildHint() throws Exception {
        Path other = tmp.resolve("other-index");
        ModelInfo foreign = new ModelInfo("someone-else", "9", List.of(new Space(Space.SEMANTIC, 4)), Space.SEMANTIC);
        try (LuceneWritableIndex idx = LuceneImageIndex.openForWriting(other, foreign, false)) {
            idx.upsert(new ImageRecord(ImageIds.forPath("/x.png"), "/x.png", 1, 1, "h", 1, 1, -1),
                    new ImageVectors(Map.of(Space.SEMANTIC, new float[]{1, 0, 0, 0})));
            idx.commit();
        }
        CliRunner.Result r = CliRunner.run("search", "--index", other.toString(), "a cat");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--rebuild"), r.err());
        CliRunner.Result rebuilt = CliRunner.run("index", "--index", other.toString(), "--rebuild", "--json", PHOTOS.resolve("dog.jpg").toString());
        assertEquals(0, rebuilt.exit(), rebuilt.err());
        assertEquals(1, rebuilt.json().get("indexed").asInt());
    }
}
