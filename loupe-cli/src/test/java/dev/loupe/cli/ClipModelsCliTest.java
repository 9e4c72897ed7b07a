package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.clip.TinyClip;
import dev.loupe.models.store.TestFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path of a CLIP-family model through the command line, with the tiny colour CLIP served from a loopback
 * HTTP server: install (checksums verified, resumed after cut connections), index the shared photos with
 * {@code --model}, search, similar, tags, info, then models list / verify / remove.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClipModelsCliTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared")).resolve("photos").toAbsolutePath()
            .normalize();
    static final String MODEL = TinyClip.NAME;
    static final List<String> GRAYSCALE = List.of("camera.png", "coins.png", "moon.png", "page.png", "brick.png",
            "grass.png", "gravel.png");

    @TempDir
    static Path tmp;
    private TestFileServer server;
    private Map<String, String> sha;
    private Path descriptor;
    private LoupeHome home;

    @BeforeAll
    void serveTheTinyModel() throws Exception {
        Path export = tmp.resolve("export");
        sha = TinyClip.writeFiles(export);
        descriptor = tmp.resolve("tiny-clip.json");
        Files.writeString(descriptor, TinyClip.descriptorJson(sha));
        server = new TestFileServer(export);
        // the CLI reads LOUPE_HOME (target/loupe-home in tests); start from a clean slate for this model
        home = LoupeHome.fromEnvironment(System.getenv());
        CliRunner.deleteTree(home.models().resolve("clip").resolve(MODEL));
        CliRunner.deleteTree(ModelLoader.defaultIndex(home, MODEL));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void failsWithOneLine(CliRunner.Result r, int exit, String... fragments) {
        assertEquals(exit, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("loupe: "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing from: " + r.err());
        }
    }

    private static List<String> names(CliRunner.Result r, String array, String field) {
        List<String> out = new ArrayList<>();
        r.json().get(array).forEach(n -> out.add(Path.of(n.get(field).asText()).getFileName().toString()));
        return out;
    }

    @Test
    @Order(1)
    void filesWithoutPublishedChecksumsAreRefusedBeforeAnyDownload() {
        failsWithOneLine(CliRunner.run("models", "install", "openai-clip-vit-b-16", "--from", server.url()), 2,
                "\"sha256\": null", "--sha256 clip-vit-b-16-vision.onnx=HEX");
        assertTrue(server.requests().isEmpty(), server.requests().toString());
        failsWithOneLine(CliRunner.run("models", "install", "--json"), 2, "--descriptor FILE");
    }

    @Test
    @Order(2)
    void installResumesAfterCutConnectionsAndVerifiesEveryFile() {
        server.cutNext(4);   // more cuts than one install retries: the first install gives up, keeping the .part
        failsWithOneLine(CliRunner.run("models", "install", "--from", server.url(), "--descriptor",
                descriptor.toString(), "--json"), 1, TinyClip.IMAGE_FILE, "broke off", "resumes");
        assertTrue(Files.isRegularFile(home.models().resolve("clip").resolve(MODEL)
                .resolve(TinyClip.IMAGE_FILE + ".part")));

        CliRunner.Result r = CliRunner.ok("models", "install", MODEL, "--from", server.url(), "--descriptor",
                descriptor.toString(), "--json");
        JsonNode model = r.json();
        assertEquals(MODEL, model.get("name").asText());
        assertTrue(model.get("installed").asBoolean());
        for (JsonNode f : model.get("files")) {
            assertEquals(sha.get(f.get("name").asText()), f.get("sha256").asText());
            assertTrue(f.get("installed").asBoolean());
        }
        List<String> imageRequests = server.requests().stream()
                .filter(q -> q.startsWith("/" + TinyClip.IMAGE_FILE)).toList();
        assertEquals(5, imageRequests.size(), imageRequests.toString());
        assertEquals("/" + TinyClip.IMAGE_FILE + " -", imageRequests.get(0));
        assertTrue(imageRequests.subList(1, 5).stream().allMatch(q -> q.contains(" bytes=")), imageRequests.toString());
    }

    @Test
    @Order(3)
    void listShowsBuiltinFirstAndTheInstalledModel() {
        JsonNode models = CliRunner.ok("models", "list", "--json").json().get("models");
        assertEquals("builtin", models.get(0).get("name").asText());
        assertEquals("openai-clip-vit-b-32", models.get(1).get("name").asText());
        assertFalse(models.get(1).get("installed").asBoolean());
        JsonNode tiny = null;
        for (JsonNode m : models) {
            if (m.get("name").asText().equals(MODEL)) {
                tiny = m;
            }
        }
        assertTrue(tiny != null && tiny.get("installed").asBoolean() && tiny.get("source").asText().equals("custom"),
                models.toString());
        String text = CliRunner.ok("models", "list").out();
        assertTrue(text.lines().anyMatch(l -> l.startsWith(MODEL + " ") && l.contains(" yes ")), text);
    }

    @Test
    @Order(4)
    void indexSearchSimilarTagsAndInfoUseTheChosenModel() throws Exception {
        JsonNode report = CliRunner.ok("index", "--model", MODEL, "--json", PHOTOS.toString()).json();
        assertEquals(21, report.get("indexed").asInt(), report.toString());
        assertTrue(Files.isDirectory(ModelLoader.defaultIndex(home, MODEL)), "the model's own default index");

        // the tiny model sees colour: the rocket's sky is the bluest photo, the retina one of the reddest
        assertEquals("rocket.jpg", names(CliRunner.ok("search", "--model", MODEL, "-k", "1", "--json", "blue"), "results", "path")
                .get(0));
        List<String> red = names(CliRunner.ok("search", "--model", MODEL, "-k", "3", "--json", "something red"), "results",
                "path");
        assertTrue(red.contains("retina.jpg"), red.toString());
        assertTrue(red.stream().noneMatch(GRAYSCALE::contains), "grey photos have no colour: " + red);

        CliRunner.Result similar = CliRunner.ok("similar", "--model", MODEL, "-k", "3", "--json",
                PHOTOS.resolve("kite.jpg").toString());
        assertEquals("kite.jpg", names(similar, "results", "path").get(0));
        assertEquals(1.0, similar.json().get("results").get(0).get("score").asDouble(), 1e-3);

        Path vocab = tmp.resolve("colours.txt");
        Files.writeString(vocab, String.join("\n", "red", "green", "blue", "yellow", "purple", "orange"));
        JsonNode retina = CliRunner.ok("tags", "--model", MODEL, "--vocab", vocab.toString(), "-k", "3", "--json",
                PHOTOS.resolve("retina.jpg").toString()).json().get("tags");
        assertEquals("red", retina.get(0).get("tag").asText(), retina.toString());
        JsonNode grass = CliRunner.ok("tags", "--model", MODEL, "--vocab", vocab.toString(), "-k", "6", "--json",
                PHOTOS.resolve("grass.png").toString()).json().get("tags");
        grass.forEach(t -> assertEquals(0.0, t.get("score").asDouble(), 1e-3, "a grey photo: " + grass));

        JsonNode info = CliRunner.ok("info", "--model", MODEL, "--json").json();
        assertEquals(21, info.get("images").asInt(), info.toString());
        assertTrue(info.get("model").asText().startsWith(MODEL + "@clip-"), info.toString());
        assertEquals(TinyClip.DIMENSION, info.get("spaces").get(0).get("dimension").asInt());
    }

    @Test
    @Order(5)
    void serveWithModelServesThatModelsIndexThroughThePagesApi() throws Exception {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--model", MODEL, "--port", "0", "--read-only");
        try (ServeCommand.Running running = serve.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = running.server().url().replaceAll("/+$", "");
            JsonNode status = get(http, base + "/api/status");
            assertEquals(MODEL, status.get("model").get("name").asText(), status.toString());
            assertEquals(21, status.get("index").get("images").asInt(), status.toString());
            assertEquals(TinyClip.DIMENSION, status.get("model").get("spaces").get(0).get("dimension").asInt());
            // the tiny model's space is colour: only it ranks the rocket's blue sky first for "blue"
            JsonNode found = post(http, base + "/api/search", "{\"text\": \"blue\", \"k\": 3}");
            assertEquals("rocket.jpg", found.get("hits").get(0).get("name").asText(), found.toString());
            assertEquals("exact", found.get("stats").get("plan").asText(), found.toString());
        }
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private static JsonNode post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    @Test
    @Order(6)
    void anIndexOfAnotherModelIsRefusedNamingTheModelThatBuiltIt() throws Exception {
        Path other = tmp.resolve("tiny-clip-2.json");
        Files.writeString(other, TinyClip.descriptorJson(sha).replace("\"name\": \"tiny-clip\"",
                "\"name\": \"tiny-clip-2\""));
        CliRunner.ok("models", "install", "--from", server.url(), "--descriptor", other.toString(), "--json");
        failsWithOneLine(CliRunner.run("search", "--model", "tiny-clip-2", "--index",
                ModelLoader.defaultIndex(home, MODEL).toString(), "--json", "red"), 1, "--rebuild",
                "--model " + MODEL);
        failsWithOneLine(CliRunner.run("search", "--model", "tiny-clip-2", "red"), 1, "no index at",
                "loupe index --model tiny-clip-2 PATH");
        assertTrue(CliRunner.ok("models", "remove", "tiny-clip-2", "--json").json().get("removed").asBoolean());
    }

    @Test
    @Order(7)
    void verifyFindsAChangedFileAndRemoveDeletesTheModel() throws Exception {
        JsonNode verified = CliRunner.ok("models", "verify", MODEL, "--json").json();
        assertTrue(verified.get("ok").asBoolean());
        assertEquals(3, verified.get("files").size());

        Path text = home.models().resolve("clip").resolve(MODEL).resolve(TinyClip.TEXT_FILE);
        Files.write(text, new byte[] {42}, StandardOpenOption.APPEND);
        CliRunner.Result bad = CliRunner.run("models", "verify", MODEL, "--json");
        failsWithOneLine(bad, 1, "failed verification");
        assertFalse(bad.json().get("ok").asBoolean());

        JsonNode removed = CliRunner.ok("models", "remove", MODEL, "--json").json();
        assertTrue(removed.get("removed").asBoolean());
        assertFalse(Files.exists(text.getParent()));
        JsonNode models = CliRunner.ok("models", "list", "--json").json().get("models");
        models.forEach(m -> assertFalse(m.get("name").asText().equals(MODEL)));
        failsWithOneLine(CliRunner.run("search", "--model", MODEL, "red"), 2, "unknown model 'tiny-clip'");
    }
}
