package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loupe index --watch} in a process of its own (stopped as Ctrl+C stops it, by a signal: everything it did
 * must be committed) and {@code loupe serve --watch} (its searches see a file copied into the watched folder), with
 * the builtin model on a few shared photos. Waits are bounded polls; the assertions are what the index holds.
 */
class WatchCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared"), "photos").toAbsolutePath().normalize();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static void await(String what, Supplier<Boolean> condition, Supplier<String> state) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not happen within " + WAIT + ": " + state.get());
    }

    @Test
    void indexWatchFollowsACopyAndARenameAndStopsCleanlyOnASignal() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(PHOTOS.resolve("dog.jpg"), photos.resolve("dog.jpg"));
        Files.copy(PHOTOS.resolve("coffee.png"), photos.resolve("coffee.png"));
        Path index = tmp.resolve("index");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.loupe.cli.Main",
                "index", "--watch", "--index", index.toString(), "--no-ocr", "--json", "--threads", "1",
                "--debounce-ms", "300", photos.toString())
                .redirectError(tmp.resolve("watch.log").toFile())
                .redirectOutput(tmp.resolve("events.jsonl").toFile()).start();
        Supplier<List<JsonNode>> events = () -> lines(tmp.resolve("events.jsonl"));
        Predicate<String> seen = kind -> events.get().stream().anyMatch(e -> e.path("event").asText().equals(kind));
        Supplier<String> state = () -> read(tmp.resolve("events.jsonl")) + "\nstderr: " + read(tmp.resolve("watch.log"));
        try {
            await("the first sync", () -> seen.test("synced"), state);
            JsonNode first = events.get().stream().filter(e -> e.path("event").asText().equals("synced")).findFirst()
                    .orElseThrow();
            assertEquals(2, first.path("indexed").asInt(), first.toString());

            Files.copy(PHOTOS.resolve("chelsea.png"), photos.resolve("cat.png"));
            await("the new file", () -> events.get().stream().anyMatch(e -> e.path("event").asText().equals("added")
                    && e.path("path").asText().endsWith("cat.png")), state);

            Files.move(photos.resolve("dog.jpg"), photos.resolve("renamed-dog.jpg"));
            await("the rename", () -> seen.test("moved"), state);
            JsonNode moved = events.get().stream().filter(e -> e.path("event").asText().equals("moved")).findFirst()
                    .orElseThrow();
            assertEquals(photos.resolve("renamed-dog.jpg").toString(), moved.path("path").asText());
            assertEquals(photos.resolve("dog.jpg").toString(), moved.path("from").asText());
            assertTrue(moved.path("vectorsReused").asBoolean(), moved.toString());
            await("the sync after the rename", () -> events.get().stream().anyMatch(e -> e.path("event").asText()
                    .equals("synced") && e.path("reused").asInt() == 1 && e.path("indexed").asInt() == 0
                    && e.path("removed").asInt() == 0), state);
        } finally {
            p.destroy(); // SIGTERM, as Ctrl+C's SIGINT: the shutdown hook stops the watch and closes the index
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the watch stops on a signal: " + state.get());
        }
        assertTrue(seen.test("stopped"), "the signal ends the watch after the index is closed: " + state.get());
        assertTrue(read(tmp.resolve("watch.log")).contains("moved"), "events are also on stderr");

        CliRunner.Result again = CliRunner.run("index", "--index", index.toString(), "--no-ocr", "--json",
                photos.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(3, again.json().get("unchanged").asInt(), "everything the watch did was committed: " + again.out());
        assertEquals(0, again.json().get("indexed").asInt());
        assertEquals(0, again.json().get("removed").asInt());
    }

    @Test
    void serveWatchSearchesSeeAFileCopiedIntoTheWatchedFolder() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("served"));
        Files.copy(PHOTOS.resolve("coffee.png"), photos.resolve("coffee.png"));
        Files.copy(PHOTOS.resolve("rocket.jpg"), photos.resolve("rocket.jpg"));
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--index", tmp.resolve("index").toString(), "--port", "0",
                "--threads", "1", "--debounce-ms", "300", "--watch", photos.toString());
        try (ServeCommand.Running running = serve.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = running.server().url().replaceAll("/+$", "");
            Supplier<List<String>> catHits = () -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"a cat\", \"k\": 5, "
                                    + "\"mode\": \"semantic\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    List<String> names = new ArrayList<>();
                    new ObjectMapper().readTree(r.body()).path("hits").forEach(h -> names.add(h.path("name").asText()));
                    return names;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            await("the first sync", () -> catHits.get().size() == 2, () -> catHits.get().toString());
            Files.copy(PHOTOS.resolve("chelsea.png"), photos.resolve("new-cat.png"));
            await("the served search finding the new file", () -> catHits.get().contains("new-cat.png"),
                    () -> catHits.get().toString());
            assertEquals("new-cat.png", catHits.get().get(0), "the cat photo is the best match for 'a cat'");
        }
    }

    /** The complete JSON lines of a file that is being written (a line not finished yet is left for later). */
    private static List<JsonNode> lines(Path file) {
        String text = read(file);
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(json.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("stdout has a line that is not JSON: " + line, e);
                }
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return e.toString();
        }
    }
}
