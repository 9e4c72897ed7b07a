package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parallel clients on loopback keep searching while an index run fills the index: every answer is a 200 with
 * well-formed hits, and the hits grow as the run goes on. Bounded: 6 clients, 12 requests each, 2 minutes at most.
 */
class ConcurrencyTest {
    static final int CLIENTS = 6;
    static final int REQUESTS = 12;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void searchesRunWhileAnIndexRunGoesOn() throws Exception {
        try (Fixtures.Served s = Fixtures.start(tmp.resolve("index"), ServerConfig.local(0).withRoots(List.of(PHOTOS)))) {
            Http http = s.http();
            String upload = http.post("/api/images", Files.readAllBytes(PHOTOS.resolve("chelsea.png")), "image/png")
                    .json().path("id").asText();
            List<Map<String, Object>> queries = List.of(
                    Map.of("text", "a cat", "k", 10),
                    Map.of("text", "a cup of coffee", "k", 5, "exact", true),
                    Map.of("upload", upload, "k", 8),
                    Map.of("upload", upload, "measure", "diff", "terms", List.of(
                            Map.of("text", "cat", "role", "minus"), Map.of("text", "dog", "role", "plus"))),
                    Map.of("text", "a horse", "filters", Map.of("folder", PHOTOS.toString())));

            assertEquals(202, http.post("/api/index", Map.of("roots", List.of(PHOTOS.toString()))).status());
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger duringTheRun = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        for (int i = 0; i < REQUESTS; i++) {
                            boolean running = s.server().indexing();
                            Map<String, Object> q = queries.get((client + i) % queries.size());
                            Http.Response r = http.post("/api/search", q);
                            assertEquals(200, r.status(), q + " -> " + r.text());
                            JsonNode hits = r.json().path("hits");
                            assertTrue(hits.isArray(), r.text());
                            for (JsonNode h : hits) {
                                assertTrue(h.path("id").asText().matches("[0-9a-f]{16}"), h.toString());
                                assertTrue(Double.isFinite(h.path("score").asDouble()), h.toString());
                            }
                            if (i % 4 == 0) {
                                assertEquals(200, http.get("/api/status").status());
                            }
                            answered.incrementAndGet();
                            if (running) {
                                duringTheRun.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(110, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertEquals(CLIENTS * REQUESTS, answered.get());
            assertTrue(duringTheRun.get() > 0, "some searches ran while the index run was going on");
            JsonNode job = Fixtures.awaitIndexRun(http, Duration.ofSeconds(90));
            assertEquals("done", job.path("state").asText(), job.toString());
            assertEquals(21, http.search(Map.of("text", "a photo", "k", 50)).path("hits").size());
        }
    }
}
