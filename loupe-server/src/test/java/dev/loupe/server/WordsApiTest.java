package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.text.WordsTestSet;
import dev.loupe.text.ocr.OcrOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Words through the HTTP API: an index run started with {@code POST /api/index} embeds, then reads the text in the
 * photos (its progress shows the OCR phase); {@code POST /api/search} finds the sign by its word and the tagged photo
 * by its sidecar keyword, in each mode, and says why; {@code GET /api/images/{id}/text} shows the stored words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordsApiTest {
    @TempDir
    static Path tmp;
    Fixtures.Served served;
    Path library;

    @BeforeAll
    void indexThroughTheApi() throws Exception {
        library = Files.createDirectories(tmp.resolve("library"));
        Path set = tmp.resolve("set");
        WordsTestSet.write(Fixtures.PHOTOS, set);
        Files.copy(set.resolve("signs/sign-00.png"), library.resolve("sign-00.png"));
        Files.copy(set.resolve("tagged/IMG_2041.jpg"), library.resolve("IMG_2041.jpg"));
        Files.copy(set.resolve("tagged/IMG_2041.jpg.xmp"), library.resolve("IMG_2041.jpg.xmp"));
        for (String p : List.of("chelsea.png", "coffee.png", "rocket.jpg", "dog.jpg", "brick.png")) {
            Files.copy(Fixtures.PHOTOS.resolve(p), library.resolve(p));
        }
        served = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0).withRoots(List.of(tmp)),
                Fixtures.INDEXING.withOcr(OcrOptions.defaults()));
        assertEquals(202, served.http().post("/api/index", Map.of("roots", List.of(library.toString()))).status());
        JsonNode job = Fixtures.awaitIndexRun(served.http(), Duration.ofMinutes(10));
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals("ocr", job.path("phase").asText(), job.toString());
        assertEquals(7, job.path("report").path("indexed").asInt(), job.toString());
        assertTrue(job.path("report").path("ocrRead").asInt() >= 1, job.toString());
        assertEquals(job.path("ocrTotal").asInt(), job.path("ocrDone").asInt(), job.toString());
    }

    @AfterAll
    void stop() {
        served.close();
    }

    private JsonNode search(Map<String, Object> body) {
        Http.Response r = served.http().post("/api/search", body);
        assertEquals(200, r.status(), new String(r.body()));
        return r.json();
    }

    @Test
    void findsTheSignByTheWordOnItAndSaysWhere() {
        for (String mode : List.of("hybrid", "text")) {
            JsonNode hit = search(Map.of("text", "bakery", "mode", mode, "k", 3)).path("hits").get(0);
            assertEquals("sign-00.png", Fixtures.name(hit), mode);
            JsonNode match = hit.path("matches").get(0);
            assertEquals("ocr", match.path("field").asText());
            JsonNode span = match.path("highlights").get(0);
            assertEquals("bakery", match.path("snippet").asText().substring(span.get(0).asInt(), span.get(1).asInt())
                    .toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode text = search(Map.of("text", "bakery", "mode", "text"));
        assertEquals(1, text.path("hits").size(), "text mode: only images whose words match");
        assertEquals("text", text.path("stats").path("plan").asText());
        JsonNode semantic = search(Map.of("text", "bakery", "mode", "semantic"));
        semantic.path("hits").forEach(h -> assertEquals(0, h.path("matches").size()));
    }

    @Test
    void findsTheTaggedPhotoByItsSidecarKeyword() {
        JsonNode hit = search(Map.of("text", "grandma", "k", 3)).path("hits").get(0);
        assertEquals("IMG_2041.jpg", Fixtures.name(hit));
        assertEquals("metadata", hit.path("matches").get(0).path("field").asText());
    }

    @Test
    void theImagesWordsAreServed() {
        JsonNode words = served.http().get("/api/images/" + Fixtures.id(library.resolve("sign-00.png")) + "/text")
                .json();
        assertEquals("done", words.path("ocrState").asText(), words.toString());
        assertTrue(words.path("ocr").asText().toLowerCase(java.util.Locale.ROOT).contains("bakery"), words.toString());
        JsonNode tagged = served.http().get("/api/images/" + Fixtures.id(library.resolve("IMG_2041.jpg")) + "/text")
                .json();
        assertTrue(tagged.path("metadata").asText().contains("Grandma"), tagged.toString());
        assertEquals(404, served.http().get("/api/images/0123456789abcdef/text").status());
    }

    @Test
    void aBadModeIsRefusedNamingTheField() {
        Http.Response r = served.http().post("/api/search", Map.of("text", "x", "mode", "fuzzy"));
        assertEquals(400, r.status());
        assertTrue(r.json().path("error").asText().contains("'mode'"), new String(r.body()));
    }
}
