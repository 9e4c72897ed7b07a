package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The builtin model's hierarchy labels, stored by {@code loupe index} and matched by {@code --label}: chelsea.png
 * carries cat and animal, dog.jpg animal and dog, coffee.png neither; labels set on an image (as classify does,
 * through the same index) do not remove the model's. The probabilities stored below the label threshold are evidence
 * for ranking a query that names the noun ("an animal"), never labels for the filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelLabelsCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared"), "photos").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    String index;

    @BeforeAll
    void indexThreePhotos() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        for (String name : List.of("chelsea.png", "dog.jpg", "coffee.png")) {
            Files.copy(PHOTOS.resolve(name), folder.resolve(name));
        }
        index = tmp.resolve("index").toString();
        CliRunner.Result r = CliRunner.run("index", "--index", index, "--no-ocr", "--json", folder.toString());
        assertEquals(0, r.exit(), r.err());
    }

    private Set<String> found(String... filter) {
        List<String> all = new ArrayList<>(List.of("search", "--index", index, "--json", "-k", "10"));
        all.addAll(List.of(filter));
        all.add("a photo");
        CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        Set<String> names = new TreeSet<>();
        for (JsonNode h : r.json().get("results")) {
            names.add(Path.of(h.get("path").asText()).getFileName().toString());
        }
        return names;
    }

    @Test
    void labelFilterMatchesTheModelsHierarchyNouns() {
        assertEquals(Set.of("chelsea.png", "dog.jpg"), found("--label", "animal"));
        assertEquals(Set.of("chelsea.png"), found("--label", "cat"));
        assertEquals(Set.of("dog.jpg"), found("--label", "dog", "--min-confidence", "0.5"));
        assertEquals(Set.of("chelsea.png", "dog.jpg", "coffee.png"), found());
    }

    @Test
    void aQueryNamingAHierarchyNounRanksByCosineAndTheStoredProbability() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--json", "-k", "3", "an animal");
        assertEquals(0, r.exit(), r.err());
        assertEquals("labels-exact", r.json().get("stats").get("plan").asText());
        List<String> order = new ArrayList<>();
        for (JsonNode h : r.json().get("results")) {
            order.add(Path.of(h.get("path").asText()).getFileName().toString());
        }
        assertEquals("coffee.png", order.get(2), order.toString());
        CliRunner.Result plain = CliRunner.run("search", "--index", index, "--json", "-k", "3", "--mode", "semantic",
                "a photo");
        assertEquals("exact", plain.json().get("stats").get("plan").asText(), "no hierarchy noun, no second signal");
    }
}
