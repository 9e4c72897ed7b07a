package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query algebra through the CLI, with the real builtin model on the shared photos. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared"), "photos").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    String index;

    @BeforeAll
    void indexThePhotos() {
        index = tmp.resolve("index").toString();
        assertEquals(0, CliRunner.run("index", "--index", index, "--json", PHOTOS.toString()).exit());
    }

    private List<String> files(String... args) {
        String[] all = Stream.concat(Stream.of("search", "--index", index, "--json"), Stream.of(args)).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(all);
        assertEquals(0, r.exit(), r.err());
        List<String> out = new ArrayList<>();
        r.json().get("results").forEach(h -> out.add(Path.of(h.get("path").asText()).getFileName().toString()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"diff", "sum"})
    void catMinusCatPlusDogFindsADogPhoto(String measure) {
        List<String> hits = files("-k", "5", "--image", PHOTOS.resolve("chelsea.png").toString(),
                "--minus", "cat", "--plus", "dog", "--measure", measure);
        assertTrue(List.of("dog.jpg", "person.jpg").contains(hits.get(0)), measure + ": " + hits);
        assertFalse(hits.contains("chelsea.png"), "the query image is left out by default: " + hits);
        List<String> exact = files("-k", "5", "--image", PHOTOS.resolve("chelsea.png").toString(),
                "--minus", "cat", "--plus", "dog", "--measure", measure, "--exact");
        assertEquals(exact, hits, "the approximate path finds the exact top 5 on this small index");
    }

    @Test
    void aNegativeTermPushesTheMatchingPhotoDown() {
        int before = files("-k", "21", "an animal").indexOf("dog.jpg");
        int after = files("-k", "21", "an animal", "--minus", "dog").indexOf("dog.jpg");
        assertTrue(before >= 0 && after > before + 3, "dog.jpg at " + before + " then " + after);
    }

    @Test
    void refinementWalksFromAResultById() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--json", "-k", "1", "a rocket");
        JsonNode top = r.json().get("results").get(0);
        assertTrue(top.get("path").asText().endsWith("rocket.jpg"));
        String id = top.get("id").asText();
        List<String> step1 = files("-k", "5", "--from", id, "--plus", "dog", "--minus", "rocket");
        assertFalse(step1.contains("rocket.jpg"), step1.toString());
        assertTrue(List.of("dog.jpg", "person.jpg").contains(step1.get(0)), step1.toString());
        List<String> withQuery = files("-k", "21", "--from", id, "--plus", "dog", "--include-query");
        assertTrue(withQuery.contains("rocket.jpg"), withQuery.toString());
    }

    @Test
    void composedImageAndTextMovesTowardsTheText() {
        List<String> composed = files("-k", "3", "--image", PHOTOS.resolve("chelsea.png").toString(), "--text", "2:a dog");
        assertTrue(composed.contains("dog.jpg") || composed.contains("person.jpg"), composed.toString());
    }

    private Path composerFile(String name, String space, int dim) {
        float[] identity = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            identity[i * dim + i] = 1;
        }
        var meta = new dev.loupe.core.compose.ComposerMetadata(dev.loupe.core.compose.Composers.TEXT_ONLY, "test", space,
                dim, dim, dim, "builtin", "builtin", java.util.Map.of(), java.util.Map.of());
        var tensors = List.of(new dev.loupe.core.compose.Tensor("proj.weight", new int[]{dim, dim}, identity),
                new dev.loupe.core.compose.Tensor("proj.bias", new int[]{dim}, new float[dim]));
        Path file = tmp.resolve(name);
        new dev.loupe.core.compose.ComposerFile(meta, tensors).save(file);
        return file;
    }

    @Test
    void aTrainedComposerFileIsUsedAndOneForAnotherSpaceIsRefused() {
        Path good = composerFile("text-only.composer", "semantic", 384);
        // a text-only composer ignores the reference image: the result is the text's own best match
        List<String> hits = files("-k", "1", "--image", PHOTOS.resolve("chelsea.png").toString(), "--text", "a rocket",
                "--composer", good.toString());
        assertEquals(List.of("rocket.jpg"), hits);
        Path other = composerFile("other.composer", "visual", 16);
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--image", PHOTOS.resolve("chelsea.png").toString(),
                "--text", "red", "--composer", other.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("space 'visual'") && r.err().contains("semantic"), r.err());
    }

    @Test
    void labelsFilterResultsAndAreShown() throws Exception {
        String dog = dev.loupe.core.ImageIds.forPath(PHOTOS.resolve("dog.jpg").toString());
        String horses = dev.loupe.core.ImageIds.forPath(PHOTOS.resolve("horses.jpg").toString());
        var model = dev.loupe.models.builtin.BuiltinModel.infoFor(dev.loupe.models.builtin.BuiltinRecipe.DEFAULT);
        try (var idx = dev.loupe.index.LuceneImageIndex.openForWriting(Path.of(index), model, false)) {
            idx.setLabels(dog, java.util.Map.of("pets", 0.9f));
            idx.setLabels(horses, java.util.Map.of("farm", 0.8f));
            idx.commit();
        }
        assertEquals(List.of("dog.jpg"), files("-k", "5", "an animal", "--label", "pets"));
        assertEquals(List.of("dog.jpg", "horses.jpg"), files("-k", "5", "an animal", "--label", "pets", "--label", "farm",
                "--exact").stream().sorted().toList());
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--json", "-k", "1", "a dog", "--label", "pets");
        assertEquals(0.9, r.json().get("results").get(0).get("labels").get("pets").asDouble(), 1e-6);
        assertEquals(List.of("dog.jpg"), files("-k", "5", "an animal", "--label", "pets", "--label", "farm",
                "--min-confidence", "0.85"), "farm (0.8) is under the confidence asked for");

        CliRunner.Result similar = CliRunner.run("similar", "--index", index, "--json", "-k", "5",
                "--label", "farm", "--label", "pets", PHOTOS.resolve("chelsea.png").toString());
        assertEquals(0, similar.exit(), similar.err());
        var rows = similar.json().get("results");
        assertEquals(2, rows.size(), similar.out());
        for (var row : rows) {
            assertTrue(row.get("labels").has("pets") || row.get("labels").has("farm"), row.toString());
        }
        CliRunner.Result text = CliRunner.run("similar", "--index", index, "-k", "1", "--label", "pets",
                PHOTOS.resolve("horses.jpg").toString());
        assertTrue(text.out().contains("dog.jpg") && text.out().contains("pets 0.90"), text.out());

        CliRunner.Result lonely = CliRunner.run("similar", "--index", index, "--min-confidence", "0.5",
                PHOTOS.resolve("horses.jpg").toString());
        assertEquals(2, lonely.exit());
        assertTrue(lonely.err().contains("--min-confidence applies to --label"), lonely.err());
    }

    @Test
    void badTermsAreOneLineErrorsWithExitCodeTwo() {
        List<String[]> bad = List.of(
                new String[]{"--plus", "2:", "x"},
                new String[]{"--from", "0123456789abcdef", "--plus", "red"},
                new String[]{"--image", tmp.resolve("missing.jpg").toString(), "--plus", "red"},
                new String[]{"--text", "in red"},
                new String[]{"x", "--measure", "cosine"},
                new String[]{"--image", PHOTOS.resolve("dog.jpg").toString(), "--plus", "red", "--minus", "red", "--measure", "diff"},
                new String[]{"--plus", "-1:red", "x"});
        for (String[] args : bad) {
            String[] all = Stream.concat(Stream.of("search", "--index", index), Stream.of(args)).toArray(String[]::new);
            CliRunner.Result r = CliRunner.run(all);
            assertEquals(2, r.exit(), String.join(" ", args) + " → " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("loupe: "), r.err());
        }
    }

    @Test
    void folderAndDateFiltersWorkOnSearchAndSimilar() throws Exception {
        Path extra = java.nio.file.Files.createDirectories(tmp.resolve("filters").resolve("extra"));
        java.nio.file.Files.copy(PHOTOS.resolve("dog.jpg"), extra.resolve("old-dog.jpg"));
        java.nio.file.Files.copy(PHOTOS.resolve("chelsea.png"), extra.resolve("cat.png"));
        // a PNG without EXIF: its date is its file time
        java.nio.file.Files.setLastModifiedTime(extra.resolve("cat.png"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2001-01-01T12:00:00Z")));
        String idx = tmp.resolve("filters").resolve("index").toString();
        assertEquals(0, CliRunner.run("index", "--index", idx, "--json", PHOTOS.toString(), extra.toString()).exit());

        CliRunner.Result inFolder = CliRunner.run("search", "--index", idx, "--json", "-k", "5", "--folder",
                extra.toString(), "an animal");
        assertEquals(0, inFolder.exit(), inFolder.err());
        List<String> names = new ArrayList<>();
        inFolder.json().get("results").forEach(h -> names.add(Path.of(h.get("path").asText()).getFileName().toString()));
        assertEquals(List.of("cat.png", "old-dog.jpg"), names.stream().sorted().toList());
        assertEquals("labels-exact", inFolder.json().get("stats").get("plan").asText(), "an animal: a hierarchy noun");
        assertEquals(2, inFolder.json().get("stats").get("filtered").asInt());

        CliRunner.Result onTheDay = CliRunner.run("similar", "--index", idx, "--json", "-k", "5", "--since",
                "2001-01-01", "--until", "2001-01-01", PHOTOS.resolve("dog.jpg").toString());
        assertEquals(0, onTheDay.exit(), onTheDay.err());
        assertEquals(1, onTheDay.json().get("results").size(), onTheDay.out());
        assertTrue(onTheDay.json().get("results").get(0).get("path").asText().endsWith("cat.png"), onTheDay.out());

        CliRunner.Result swapped = CliRunner.run("search", "--index", idx, "--since", "2002-01-01", "--until",
                "2001-01-01", "a dog");
        assertEquals(2, swapped.exit());
        assertTrue(swapped.err().contains("swap them"), swapped.err());
        CliRunner.Result badDate = CliRunner.run("search", "--index", idx, "--since", "last week", "a dog");
        assertEquals(2, badDate.exit());
        assertTrue(badDate.err().contains("--since must be an ISO date"), badDate.err());
    }

    @Test
    void serveRefusesAnOpenBindWithoutATokenBeforeLoadingAnything() {
        CliRunner.Result r = CliRunner.run("serve", "--bind", "0.0.0.0", "--token", "", "--index",
                tmp.resolve("none").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--token"), r.err());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("none")), "nothing was opened or created");
    }

    @Test
    void theThreadCountIsChecked() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--threads", "0", "a dog");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--threads must be between 1 and"), r.err());
        r = CliRunner.run("search", "--index", index, "--threads", "100000", "a dog");
        assertEquals(2, r.exit());
    }
}
