package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.index.IndexDamage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's corrupted-index test on the real photos: an index of three segments is damaged four ways (truncated
 * vectors, an emptied {@code .si}, garbage in {@code segments_N}, random bytes in the vector data); every command
 * that opens it ends with a message that says "damaged", names the file and gives the repair command (exit 1), and
 * {@code loupe check --repair} leaves a working index with all 21 photos and the damaged one beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared")).resolve("photos").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    Path template;

    @BeforeAll
    void indexThePhotosInThreeSegments() {
        template = tmp.resolve("template");
        // without the OCR pass, which rewrites every document with its words and so merges the three segments
        CliRunner.Result r = CliRunner.run("index", "--index", template.toString(), "--commit-every", "7", "--no-ocr", "--json",
                PHOTOS.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(21, r.json().get("indexed").asInt());
    }

    private Path copy(String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (Stream<Path> files = Files.list(template)) {
            Files.createDirectories(dir);
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private String damage(String how, Path dir) throws IOException {
        return switch (how) {
            case "truncated-vectors" -> IndexDamage.truncateVectors(dir, "_1");
            case "emptied-si" -> IndexDamage.emptySegmentInfo(dir, "_1");
            case "garbage-in-segments" -> IndexDamage.garbageInCommit(dir, 11);
            default -> throw new IllegalArgumentException(how);
        };
    }

    private static void saysDamaged(CliRunner.Result r, Path dir, String file) {
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("index " + dir + " is damaged"), r.err());
        assertTrue(r.err().contains(file), file + " in: " + r.err());
        assertTrue(r.err().contains("loupe check --repair --index " + dir), r.err());
        assertTrue(!r.err().contains("no index") && !r.err().contains("checkindex"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated-vectors", "emptied-si", "garbage-in-segments"})
    void everyCommandSaysDamagedAndRepairRestoresEveryPhoto(String how) throws IOException {
        Path dir = copy(how);
        String file = damage(how, dir);
        String d = dir.toString();
        saysDamaged(CliRunner.run("search", "--index", d, "a cat"), dir, file);
        saysDamaged(CliRunner.run("info", "--index", d), dir, file);
        saysDamaged(CliRunner.run("similar", "--index", d, PHOTOS.resolve("chelsea.png").toString()), dir, file);
        saysDamaged(CliRunner.run("index", "--index", d, PHOTOS.toString()), dir, file);

        CliRunner.Result check = CliRunner.run("check", "--index", d, "--json");
        assertEquals(1, check.exit(), check.err());
        assertEquals("damaged", check.json().get("state").asText());
        assertTrue(check.json().get("problems").toString().contains(file), check.out());

        assertRepaired(dir);
    }

    @Test
    void randomBytesInTheVectorDataNeverGiveANonFiniteScoreAndAreRepaired() throws IOException {
        Path dir = copy("random-bytes");
        String file = IndexDamage.randomBytesInVectors(dir, "_1", 16 * 1024, 13);
        String d = dir.toString();
        for (List<String> query : List.of(List.of("similar", PHOTOS.resolve("chelsea.png").toString()),
                List.of("search", "a cat"), List.of("search", "--exact", "a cat"))) {
            CliRunner.Result r = CliRunner.run(Stream.concat(Stream.of(query.get(0), "--index", d, "-k", "21", "--json"),
                    query.stream().skip(1)).toArray(String[]::new));
            assertEquals(0, r.exit(), query + ": " + r.err());
            for (JsonNode hit : r.json().get("results")) {
                double score = hit.get("score").asDouble();
                assertTrue(Double.isFinite(score) && score <= 1.001, query + ": " + hit);
            }
        }
        CliRunner.Result check = CliRunner.run("check", "--index", d);
        assertEquals(1, check.exit(), check.out());
        assertTrue(check.out().contains(file) && check.out().contains("DAMAGED"), check.out());
        assertRepaired(dir);
    }

    @Test
    void rebuildMovesAnUnreadableIndexAsideAndBuildsANewOne() throws IOException {
        Path dir = copy("rebuild");
        IndexDamage.emptySegmentInfo(dir, "_0");
        CliRunner.Result r = CliRunner.run("index", "--rebuild", "--index", dir.toString(), "--json", PHOTOS.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(21, r.json().get("indexed").asInt());
        assertTrue(Files.exists(aside(dir).resolve("_0.si")), "the damaged index is kept");
    }

    private void assertRepaired(Path dir) throws IOException {
        CliRunner.Result repair = CliRunner.run("check", "--repair", "--index", dir.toString(), "--json");
        assertEquals(0, repair.exit(), repair.out() + repair.err());
        JsonNode report = repair.json();
        assertTrue(report.get("repaired").asBoolean(), repair.out());
        assertEquals("healthy", report.get("after").get("state").asText(), repair.out());
        assertEquals(21, report.get("after").get("images").asInt(), "nothing in the photo folder is lost: " + repair.out());
        Path aside = aside(dir);
        assertEquals(aside.toString(), report.get("movedTo").asText());

        CliRunner.Result search = CliRunner.run("search", "--index", dir.toString(), "-k", "1", "--json", "a cat");
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.json().get("results").get(0).get("path").asText().endsWith("chelsea.png"), search.out());
        assertEquals(0, CliRunner.run("check", "--index", dir.toString()).exit());
        assertEquals(0, CliRunner.run("check", "--repair", "--index", dir.toString()).exit(), "nothing left to repair");
        CliRunner.deleteTree(aside);
    }

    private static Path aside(Path dir) throws IOException {
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            List<Path> aside = siblings.filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + ".damaged-"))
                    .toList();
            assertEquals(1, aside.size(), aside.toString());
            return aside.get(0);
        }
    }

}
