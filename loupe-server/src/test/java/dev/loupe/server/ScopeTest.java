package dev.loupe.server;

import dev.loupe.engine.IndexProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's default scope (issue 13, item 6): without {@code --root} the server indexes only folders that already
 * hold indexed images, its refusals do not tell whether a path outside exists, an index run cannot make a link out
 * of the indexed folders servable; images are not given to other web sites.
 */
class ScopeTest {
    @TempDir
    Path tmp;

    @Test
    void withoutRootsOnlyFoldersAlreadyInTheIndexCanBeIndexedAndRefusalsRevealNothing() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(PHOTOS.resolve("kite.jpg"), photos.resolve("kite.jpg"));
        Files.createDirectories(photos.resolve("later"));
        Files.copy(PHOTOS.resolve("dog.jpg"), photos.resolve("later/dog.jpg"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(PHOTOS.resolve("rocket.jpg"), elsewhere.resolve("secret.jpg"));
        Files.createSymbolicLink(photos.resolve("link.jpg"), elsewhere.resolve("secret.jpg"));
        Files.createSymbolicLink(photos.resolve("escape"), elsewhere);
        try (Fixtures.Served s = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0))) {
            s.loupe().indexer(Fixtures.INDEXING).run(List.of(photos.resolve("kite.jpg"), photos.resolve("link.jpg")),
                    IndexProgress.NONE); // as 'loupe index' would
            Http http = s.http();

            String existing = refusal(http, elsewhere.toString());
            String missing = refusal(http, tmp.resolve("no-such-folder").toString());
            String secret = refusal(http, "/root/.ssh");
            assertEquals(existing.replace(elsewhere.toString(), "P"), missing.replace(tmp.resolve("no-such-folder").toString(), "P"),
                    "an existing and a missing folder outside get the same answer");
            assertEquals(existing.replace(elsewhere.toString(), "P"), secret.replace("/root/.ssh", "P"));
            assertTrue(existing.contains("--root") && existing.contains("loupe index"), existing);
            refusal(http, "/etc");
            refusal(http, "/");
            refusal(http, photos.resolve("escape").toString()); // a link inside that leads out
            refusal(http, tmp.toString()); // the parent of an indexed folder

            Http.Response missingInside = http.post("/api/index", Map.of("roots", List.of(photos.resolve("nope").toString())));
            assertEquals(400, missingInside.status(), missingInside.text());
            assertTrue(missingInside.error().contains("no such"), missingInside.text());

            Http.Response ok = http.post("/api/index", Map.of("roots", List.of(photos.toString())));
            assertEquals(202, ok.status(), "a folder already in the index: " + ok.text());
            assertEquals("done", Fixtures.awaitIndexRun(http, java.time.Duration.ofSeconds(60)).path("state").asText());
            assertEquals(200, http.get("/api/images/" + Fixtures.id(photos.resolve("later/dog.jpg"))).status());
            Http.Response link = http.get("/api/images/" + Fixtures.id(photos.resolve("link.jpg")));
            assertEquals(403, link.status(), "a link out of the indexed folders stays unserved: " + link.text());
        }
    }

    private static String refusal(Http http, String folder) {
        Http.Response r = http.post("/api/index", Map.of("roots", List.of(folder)));
        assertEquals(403, r.status(), folder + ": " + r.text());
        assertFalse(r.error().contains("no such"), r.text());
        return r.error();
    }

    @Test
    void imagesAreNotGivenToOtherSites() {
        Fixtures.Served s = Fixtures.photos();
        String id = Fixtures.id(PHOTOS.resolve("coffee.png"));
        Http.Response same = s.http().with("Sec-Fetch-Site", "same-origin").get("/api/images/" + id);
        assertEquals(200, same.status());
        assertEquals("same-origin", same.header("Cross-Origin-Resource-Policy"));
        assertEquals(200, s.http().with("Sec-Fetch-Site", "none").get("/api/images/" + id).status(), "typed address");
        for (String site : List.of("cross-site", "same-site")) {
            for (String route : List.of("/api/images/" + id, "/api/images/" + id + "/thumbnail", "/api/status")) {
                Http.Response r = s.http().with("Sec-Fetch-Site", site).get(route);
                assertEquals(403, r.status(), site + " " + route);
                assertTrue(r.error().contains("other web sites"), r.text());
            }
        }
    }

    @Test
    void theHostRefusalNamesThePortTheServerListensOn() {
        Fixtures.Served s = Fixtures.photos();
        Http.Response r = s.http().raw("GET", "/api/status", "Host: rebinding.example");
        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().contains("http://127.0.0.1:" + s.server().port() + "/"), r.text());
        assertFalse(r.text().contains("127.0.0.1:80/"), r.text());
    }
}
