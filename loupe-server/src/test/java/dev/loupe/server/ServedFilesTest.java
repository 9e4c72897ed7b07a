package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.engine.IndexProgress;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.index.LuceneBackend;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Index runs through the API, and what may be served: files whose real location is outside the indexed folders
 * (symbolic links out of them, files swapped for links after indexing) are never served.
 */
class ServedFilesTest {
    @TempDir
    Path tmp;

    private static void notServed(Http http, String id) {
        for (String route : List.of("/api/images/" + id, "/api/images/" + id + "/thumbnail")) {
            Http.Response r = http.get(route);
            assertTrue(r.status() == 403 || r.status() == 404, route + " answered " + r.status());
            assertFalse(r.text().contains("root:"), route + " leaked /etc/passwd");
        }
    }

    @Test
    void indexRunsFromTheApiServeOnlyFilesInsideTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.copy(PHOTOS.resolve("coffee.png"), root.resolve("coffee.png"));
        Files.createDirectories(root.resolve("sub"));
        Files.copy(PHOTOS.resolve("chelsea.png"), root.resolve("sub/chelsea.png"));
        Files.createSymbolicLink(root.resolve("outside.jpg"), PHOTOS.resolve("dog.jpg"));
        Files.createSymbolicLink(root.resolve("secret.png"), Path.of("/etc/passwd"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(PHOTOS.resolve("eagle.jpg"), elsewhere.resolve("eagle.jpg"));

        ServerConfig config = ServerConfig.local(0).withRoots(List.of(root));
        try (Fixtures.Served s = Fixtures.start(tmp.resolve("index"), config)) {
            Http http = s.http();
            Http.Response started = http.post("/api/index", Map.of("roots", List.of(root.toString())));
            assertEquals(202, started.status(), started.text());
            assertEquals("running", started.json().path("state").asText());
            JsonNode job = Fixtures.awaitIndexRun(http, Duration.ofSeconds(60));
            assertEquals("done", job.path("state").asText(), job.toString());
            assertEquals(4, job.path("total").asInt(), job.toString());
            assertEquals(4, job.path("done").asInt(), job.toString());
            assertEquals(3, job.path("report").path("indexed").asInt(), job.toString());
            assertEquals(1, job.path("report").path("skipped").asInt(), "secret.png is not an image: " + job);
            assertEquals(3, http.get("/api/status").json().path("index").path("images").asInt());

            Http.Response outsideRoots = http.post("/api/index", Map.of("roots", List.of(elsewhere.toString())));
            assertEquals(403, outsideRoots.status(), outsideRoots.text());
            assertTrue(outsideRoots.json().path("error").asText().contains("--root"));

            String coffee = Fixtures.id(root.resolve("coffee.png"));
            String chelsea = Fixtures.id(root.resolve("sub/chelsea.png"));
            String outside = Fixtures.id(root.resolve("outside.jpg"));
            assertEquals(200, http.get("/api/images/" + coffee).status());
            assertEquals(200, http.get("/api/images/" + chelsea + "/thumbnail").status());
            Http.Response link = http.get("/api/images/" + outside);
            assertEquals(403, link.status(), link.text());
            assertTrue(link.json().path("error").asText().contains("outside the indexed folders"), link.text());
            notServed(http, outside);
            assertEquals(200, http.get("/api/tags/" + outside).status(), "its vectors are in the index all the same");

            // after indexing, the file is swapped for a link to a secret: the id now leads nowhere
            Files.delete(root.resolve("coffee.png"));
            Files.createSymbolicLink(root.resolve("coffee.png"), Path.of("/etc/passwd"));
            notServed(http, coffee);
            // ... or for a link to another image inside the root, which is fine to show
            Files.delete(root.resolve("coffee.png"));
            Files.createSymbolicLink(root.resolve("coffee.png"), root.resolve("sub/chelsea.png"));
            assertEquals(200, http.get("/api/images/" + coffee).status());
            // a file that is gone
            Files.delete(root.resolve("sub/chelsea.png"));
            assertEquals(404, http.get("/api/images/" + chelsea).status());
        }
    }

    @Test
    void withoutRootsAFileIsServedOnlyFromTheFolderTheIndexRecorded() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(PHOTOS.resolve("kite.jpg"), photos.resolve("kite.jpg"));
        Files.createSymbolicLink(photos.resolve("link.jpg"), PHOTOS.resolve("rocket.jpg"));
        try (Fixtures.Served s = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0))) {
            // indexed the way 'loupe index' does it, not through the API
            s.loupe().indexer(Fixtures.INDEXING).run(List.of(photos), IndexProgress.NONE);
            assertEquals(200, s.http().get("/api/images/" + Fixtures.id(photos.resolve("kite.jpg"))).status());
            notServed(s.http(), Fixtures.id(photos.resolve("link.jpg")));
        }
    }

    @Test
    void stoppingTheServerStopsARunningIndexRunAndLeavesAUsableIndex() {
        Path dir = tmp.resolve("index");
        Fixtures.Served s = Fixtures.start(dir, ServerConfig.local(0).withRoots(List.of(PHOTOS)));
        assertEquals(202, s.http().post("/api/index", Map.of("roots", List.of(PHOTOS.toString()))).status());
        long t0 = System.nanoTime();
        s.close();
        assertFalse(s.server().indexing(), "the run was stopped");
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos());
        try (LuceneImageIndex reopened = LuceneImageIndex.openForReading(dir, Fixtures.model().info())) {
            assertTrue(reopened.count() <= 21, "whatever was added before the stop is readable: " + reopened.count());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReadOnlyServerSearchesTheLastCommitAndRefusesIndexRuns() throws Exception {
        Path dir = tmp.resolve("index");
        try (Fixtures.Served writer = Fixtures.start(dir, ServerConfig.local(0))) {
            writer.loupe().indexer(Fixtures.INDEXING).run(List.of(PHOTOS.resolve("coffee.png"), PHOTOS.resolve("dog.jpg")),
                    IndexProgress.NONE);
            Loupe reading = Loupe.open(Fixtures.model(), new LuceneBackend(dir), SessionOptions.Access.READ,
                    new ImageDecoder());
            try (LoupeServer server = LoupeServer.start(reading, dir.toString(), ServerConfig.local(0).withReadOnly(true),
                    Fixtures.INDEXING)) {
                Http http = new Http(server.port());
                assertFalse(http.get("/api/status").json().path("index").path("writable").asBoolean());
                assertEquals(2, http.search(Map.of("text", "a cup of coffee")).path("hits").size());
                Http.Response refused = http.post("/api/index", Map.of("roots", List.of(PHOTOS.toString())));
                assertEquals(409, refused.status(), refused.text());
                assertTrue(refused.json().path("error").asText().contains("read-only"));
            } finally {
                reading.index().close();
            }
        }
    }
}
