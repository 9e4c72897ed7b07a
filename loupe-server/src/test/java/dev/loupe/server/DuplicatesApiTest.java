package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.engine.IndexProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/duplicates} and the duplicates page over a small library with one exact copy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatesApiTest {
    @TempDir
    static Path tmp;
    Fixtures.Served served;
    Path library;

    @BeforeAll
    void indexALibraryWithACopy() throws Exception {
        library = Files.createDirectories(tmp.resolve("library"));
        Files.createDirectories(library.resolve("copies"));
        Files.copy(Fixtures.PHOTOS.resolve("rocket.jpg"), library.resolve("rocket.jpg"));
        Files.copy(Fixtures.PHOTOS.resolve("rocket.jpg"), library.resolve("copies/rocket (1).jpg"));
        Files.copy(Fixtures.PHOTOS.resolve("dog.jpg"), library.resolve("dog.jpg"));
        served = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0));
        assertEquals(3, served.loupe().indexer(Fixtures.INDEXING).run(List.of(library), IndexProgress.NONE)
                .indexed());
    }

    @AfterAll
    void stop() {
        served.close();
    }

    private static String q(Path p) {
        return URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void listsTheExactCopiesWithTheKeeperAndWhy() {
        Http.Response r = served.http().get("/api/duplicates");
        assertEquals(200, r.status(), r.text());
        JsonNode body = r.json();
        assertEquals(3, body.path("images").asInt());
        assertEquals(1, body.path("groups").size(), r.text());
        JsonNode g = body.path("groups").get(0);
        assertEquals("EXACT", g.path("kind").asText());
        List<String> paths = List.of(g.path("keeper").path("path").asText(),
                g.path("others").get(0).path("image").path("path").asText());
        assertEquals(List.of(library.resolve("rocket.jpg").toString(), library.resolve("copies/rocket (1).jpg")
                .toString()).stream().sorted().toList(), paths.stream().sorted().toList());
        assertTrue(g.path("reason").asText().startsWith("same size"), g.toString());
        assertEquals("exact copy", g.path("others").get(0).path("relation").asText());
    }

    @Test
    void pathsNarrowTheSearch() {
        JsonNode onlyTheCopies = served.http().get("/api/duplicates?path=" + q(library.resolve("copies"))
                + "&path=" + q(library.resolve("dog.jpg"))).json();
        assertEquals(2, onlyTheCopies.path("images").asInt());
        assertEquals(0, onlyTheCopies.path("groups").size(), onlyTheCopies.toString());
    }

    @Test
    void aBadPathIsA400NamingIt() {
        Http.Response missing = served.http().get("/api/duplicates?path=" + q(tmp.resolve("nowhere")));
        assertEquals(400, missing.status());
        assertTrue(missing.error().contains(tmp.resolve("nowhere").toString()), missing.error());
        Http.Response relative = served.http().get("/api/duplicates?path=photos");
        assertEquals(400, relative.status());
        assertTrue(relative.error().contains("absolute"), relative.error());
    }

    @Test
    void thePageIsServedAndLinkedFromTheSearchPage() {
        Http.Response page = served.http().get("/duplicates.html");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("duplicates.js"));
        assertEquals(200, served.http().get("/duplicates.js").status());
        assertTrue(served.http().get("/").text().contains("href=\"duplicates.html\""));
    }
}
