package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --sort date|date-asc|relevance} on a folder whose dates are known: two JPEGs with an EXIF capture date
 * (dog.jpg 2014-09-19, horses.jpg 2013-04-13) but file times in 2030 and 2031 — the EXIF date must win — and two PNGs
 * without EXIF whose file times are set (2020 and 2001).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SortCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared"), "photos").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    String index;
    Path folder;

    @BeforeAll
    void indexAFolderWithKnownDates() throws Exception {
        folder = Files.createDirectories(tmp.resolve("dated"));
        copy("dog.jpg", "2030-01-01T00:00:00Z");
        copy("horses.jpg", "2031-01-01T00:00:00Z");
        copy("chelsea.png", "2020-06-01T12:00:00Z");
        copy("coffee.png", "2001-01-01T12:00:00Z");
        index = tmp.resolve("index").toString();
        CliRunner.Result r = CliRunner.run("index", "--index", index, "--no-ocr", "--json", folder.toString());
        assertEquals(0, r.exit(), r.err());
    }

    private void copy(String name, String mtime) throws Exception {
        Path to = folder.resolve(name);
        Files.copy(PHOTOS.resolve(name), to);
        Files.setLastModifiedTime(to, FileTime.from(Instant.parse(mtime)));
    }

    private JsonNode results(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--index", index, "--json"));
        CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.json().get("results");
    }

    private static List<String> names(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(h -> out.add(Path.of(h.get("path").asText()).getFileName().toString()));
        return out;
    }

    @Test
    void similarSortsByExifDateElseFileTimeNewestOrOldestFirst() {
        String query = folder.resolve("dog.jpg").toString();
        JsonNode newest = results("similar", "-k", "4", "--sort", "date", query);
        assertEquals(List.of("chelsea.png", "dog.jpg", "horses.jpg", "coffee.png"), names(newest));
        assertEquals("2014-09-19T16:08:30Z", newest.get(1).get("date").asText(), newest.toString());
        assertEquals("exif", newest.get(1).get("dateSource").asText());
        assertEquals("2020-06-01T12:00:00Z", newest.get(0).get("date").asText());
        assertEquals("file", newest.get(0).get("dateSource").asText());
        assertEquals(List.of("coffee.png", "horses.jpg", "dog.jpg", "chelsea.png"),
                names(results("similar", "-k", "4", "--sort", "date-asc", query)));
        List<String> byRelevance = names(results("similar", "-k", "4", "--sort", "relevance", query));
        assertEquals("dog.jpg", byRelevance.get(0), "the query image itself is the best match: " + byRelevance);
        assertEquals(byRelevance, names(results("similar", "-k", "4", query)), "relevance is the default order");
    }

    @Test
    void searchPagesThroughTheDateOrderAndShowsTheDate() {
        JsonNode all = results("search", "-k", "4", "--mode", "semantic", "--sort", "date", "an animal");
        List<String> dates = new ArrayList<>();
        all.forEach(h -> dates.add(h.get("date").asText()));
        assertEquals(dates.stream().sorted(java.util.Comparator.reverseOrder()).toList(), dates, all.toString());
        assertTrue(names(all).contains("dog.jpg"), all.toString());

        CliRunner.Result text = CliRunner.run("search", "--index", index, "-k", "4", "--sort", "date", "a dog");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.contains("dog.jpg") && l.contains("taken 2014-09-19 16:08")),
                text.out());
        assertTrue(text.out().lines().noneMatch(l -> l.contains("chelsea.png") && !l.contains("modified 2020-06-01")),
                text.out());
    }

    @Test
    void anUnknownOrderIsAUsageError() {
        CliRunner.Result r = CliRunner.run("search", "--index", index, "--sort", "size", "a dog");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--sort must be relevance, date (newest first) or date-asc"), r.err());
    }
}
