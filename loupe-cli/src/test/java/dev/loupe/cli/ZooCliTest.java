package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.clip.TinyClip;
import dev.loupe.models.clip.TinyZoo;
import dev.loupe.models.onnx.Dim;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model zoo end to end through the command line, offline: tiny SigLIP, multilingual (M-CLIP, XLM-RoBERTa
 * tokenizer) and MobileCLIP models written exactly as Immich lays out its model cache are installed with
 * {@code loupe models install --from DIR}, then index the shared photos, search (in six languages), find similar
 * photos, tag, report info and serve,
 * as the CLIP model does in {@link ClipModelsCliTest}; hits carry a relevance. Folders with a missing file, a graph
 * that does not fit its config or a tokenizer of an unknown kind are refused with what to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZooCliTest {
    static final Path PHOTOS = ClipModelsCliTest.PHOTOS;
    static final String SIGLIP = "vit-b-16-siglip-256__webli";
    static final String MCLIP = "xlm-roberta-large-vit-b-32";
    static final String MOBILE = "mobileclip2-s0__dfndr2b";
    static final List<String> MODELS = List.of(SIGLIP, MCLIP, MOBILE);

    @TempDir
    static Path tmp;
    private Path cache;
    private LoupeHome home;

    @BeforeAll
    void writeAnImmichModelCache() throws Exception {
        cache = tmp.resolve("model-cache");
        TinyZoo.siglip(cache.resolve("clip"));
        TinyZoo.multilingual(cache.resolve("clip"));
        TinyZoo.mobileClip(cache.resolve("clip"));
        home = LoupeHome.fromEnvironment(System.getenv());
        for (String m : MODELS) {
            CliRunner.deleteTree(home.models().resolve("clip").resolve(m));
            CliRunner.deleteTree(ModelLoader.defaultIndex(home, m));
        }
    }

    private static void refused(CliRunner.Result r, String... fragments) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing from: " + r.err());
        }
    }

    private static String name(JsonNode hit) {
        return Path.of(hit.get("path").asText()).getFileName().toString();
    }

    private static Map<String, Double> relevanceByName(JsonNode results) {
        Map<String, Double> out = new HashMap<>();
        results.forEach(h -> out.put(name(h), h.get("relevance").asDouble()));
        return out;
    }

    @Test
    @Order(1)
    void immichFoldersInstallOffline() {
        // a model folder as it is, named after the folder: the catalogue knows this SigLIP export
        JsonNode siglip = CliRunner.ok("models", "install", "--from", cache.resolve("clip").resolve(TinyZoo.SIGLIP).toString(),
                "--json").json();
        assertEquals(SIGLIP, siglip.get("name").asText());
        assertEquals("siglip", siglip.get("family").asText());
        assertEquals("shipped", siglip.get("source").asText(), "the catalogue entry, with its published quality");
        assertTrue(siglip.get("quality").asText().contains("ImageNet-1k top-1 76.5%"), siglip.toString());
        assertEquals(111.38, siglip.get("relevance").get("logitScale").asDouble(), 1e-9);
        assertTrue(siglip.get("installed").asBoolean());
        for (JsonNode f : siglip.get("files")) {
            assertEquals(64, f.get("sha256").asText().length(), "recorded as found: " + f);
        }
        // the cache root with a model's name: any export, described from its own files
        JsonNode mclip = CliRunner.ok("models", "install", MCLIP, "--from", cache.toString(), "--json").json();
        assertEquals("m-clip", mclip.get("family").asText());
        assertEquals("custom", mclip.get("source").asText());
        assertTrue(mclip.get("relevance").isNull(), "measured by the engine");
        JsonNode mobile = CliRunner.ok("models", "install", "--from", cache.resolve("clip").resolve(TinyZoo.MOBILECLIP)
                .toString(), "--json").json();
        assertEquals(MOBILE, mobile.get("name").asText());
        assertEquals("mobileclip", mobile.get("family").asText());
        assertTrue(Files.isRegularFile(home.models().resolve("clip").resolve(MOBILE).resolve("visual/model.onnx")),
                "installed in Immich's layout");
    }

    @Test
    @Order(2)
    void listShowsTheFamiliesSizesLicencesAndQuality() {
        JsonNode models = CliRunner.ok("models", "list", "--json").json().get("models");
        Map<String, JsonNode> byName = new HashMap<>();
        models.forEach(m -> byName.put(m.get("name").asText(), m));
        assertEquals("siglip", byName.get("vit-b-16-siglip2__webli").get("family").asText());
        assertEquals("mobileclip", byName.get("mobileclip-s0").get("family").asText());
        assertTrue(byName.get("mobileclip-s0").get("quality").asText().contains("67.8%"));
        assertTrue(byName.get("xlm-roberta-base-vit-b-32__laion5b_s13b_b90k").get("languages").asText()
                .contains("XLM-RoBERTa"));
        assertTrue(byName.get("vit-b-16-siglip2__webli").get("downloadBytes").asLong() > 1_000_000_000L);
        String text = CliRunner.ok("models", "list").out();
        assertTrue(text.lines().anyMatch(l -> l.startsWith(SIGLIP + " ") && l.contains(" siglip ")
                && l.contains(" yes ")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("mobileclip-s0 ") && l.contains(" mobileclip ")
                && l.contains(" no ") && l.contains("Apple")), text);
        assertTrue(text.contains("  Zero-shot ImageNet-1k top-1 67.8%"), "quality under each model: " + text);
    }

    @Test
    @Order(3)
    void everyFamilyIndexesSearchesInSixLanguagesAndTags() throws Exception {
        Path vocab = tmp.resolve("colours.txt");
        Files.writeString(vocab, String.join("\n", "red", "green", "blue", "yellow", "purple"));
        for (String model : MODELS) {
            JsonNode report = CliRunner.ok("index", "--model", model, "--json", PHOTOS.toString()).json();
            assertEquals(21, report.get("indexed").asInt(), model + ": " + report);
            List<String> queries = model.equals(MOBILE) ? List.of("blue", "a blue photo")
                    : List.of("blue", "blau", "azul", "bleu", "青", "蓝");
            for (String q : queries) {
                JsonNode results = CliRunner.ok("search", "--model", model, "-k", "21", "--json", q).json().get("results");
                assertEquals("rocket.jpg", name(results.get(0)), model + " '" + q + "': " + results);
                Map<String, Double> relevance = relevanceByName(results);
                for (String grey : ClipModelsCliTest.GRAYSCALE) {
                    assertTrue(relevance.get("rocket.jpg") > relevance.get(grey) + 0.1,
                            model + " '" + q + "': rocket " + relevance.get("rocket.jpg") + ", " + grey + " "
                                    + relevance.get(grey));
                }
                relevance.values().forEach(r -> assertTrue(r >= 0 && r <= 1, model + ": " + r));
            }
            JsonNode tags = CliRunner.ok("tags", "--model", model, "--vocab", vocab.toString(), "-k", "3", "--json",
                    PHOTOS.resolve("retina.jpg").toString()).json().get("tags");
            assertEquals("red", tags.get(0).get("tag").asText(), model + ": " + tags);
            CliRunner.Result similar = CliRunner.ok("similar", "--model", model, "-k", "3", "--json",
                    PHOTOS.resolve("kite.jpg").toString());
            assertEquals("kite.jpg", name(similar.json().get("results").get(0)), model);
            assertEquals(1.0, similar.json().get("results").get(0).get("score").asDouble(), 1e-3, model);
            JsonNode info = CliRunner.ok("info", "--model", model, "--json").json();
            assertEquals(21, info.get("images").asInt(), info.toString());
            assertTrue(info.get("model").asText().startsWith(model + "@clip-"), info.toString());
            String line = CliRunner.ok("search", "--model", model, "-k", "1", "blue").out().lines().findFirst().orElseThrow();
            assertTrue(line.matches("\\s*-?\\d\\.\\d{4}\\s+/.*rocket\\.jpg.*relevance \\d\\.\\d\\d"), line);
        }
        // SigLIP's own sigmoid: the blue rocket is a likely match, grey photos are not
        Map<String, Double> siglip = relevanceByName(CliRunner.ok("search", "--model", SIGLIP, "-k", "21", "--json", "blau")
                .json().get("results"));
        assertTrue(siglip.get("rocket.jpg") > 0.5, siglip.toString());
        assertTrue(siglip.get("grass.png") < 0.05, siglip.toString());
        // analogies have no relevance
        JsonNode analogy = CliRunner.ok("search", "--model", SIGLIP, "-k", "3", "--json", "blue", "--minus", "red").json();
        analogy.get("results").forEach(h -> assertFalse(h.has("relevance"), analogy.toString()));
    }

    @Test
    @Order(4)
    void serveAnswersInAnotherLanguageWithRelevanceBesideTheScore() throws Exception {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--model", MCLIP, "--port", "0", "--read-only");
        try (ServeCommand.Running running = serve.start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = running.server().url().replaceAll("/+$", "");
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode s = new ObjectMapper().readTree(status.body());
            assertEquals(MCLIP, s.get("model").get("name").asText());
            assertEquals(0.05, s.get("relevanceCutoff").asDouble(), 1e-9);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"青\", \"k\": 3}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode first = new ObjectMapper().readTree(r.body()).get("hits").get(0);
            assertEquals("rocket.jpg", first.get("name").asText(), r.body());
            assertTrue(first.get("relevance").asDouble() > 0 && first.get("score").asDouble() > 0, r.body());
        }
    }

    @Test
    @Order(5)
    void brokenFoldersAreRefusedWithWhatToDo() throws Exception {
        Path missing = TinyZoo.siglip(tmp.resolve("missing"));
        Files.delete(missing.resolve("textual/tokenizer_config.json"));
        refused(CliRunner.run("models", "install", "--from", missing.toString(), "--json"),
                "has no textual/tokenizer_config.json", "copy the whole folder");

        Path mismatch = TinyZoo.mobileClip(tmp.resolve("mismatch"));
        Files.write(mismatch.resolve("visual/model.onnx"), TinyClip.imageGraph("image", "embedding", Dim.of(1)));
        refused(CliRunner.run("models", "install", "--from", mismatch.toString()),
                "visual/model.onnx input 'image' has shape [1, 3, 224, 224]", "images of 256x256",
                "different exports");

        Path unknown = TinyZoo.multilingual(tmp.resolve("unknown"));
        TinyZoo.fixtureAs("wordlevel-tokenizer.json", unknown.resolve("textual/tokenizer.json"));
        refused(CliRunner.run("models", "install", "--from", unknown.toString()), "'WordLevel'",
                "[BPE, Unigram, WordPiece]");

        Path renamed = TinyZoo.siglip(tmp.resolve("renamed"));
        TinyClip.Shape shape = new TinyClip.Shape(256, new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5),
                new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5), TinyZoo.SIGLIP_DIMENSION);
        Files.write(renamed.resolve("visual/model.onnx"), TinyClip.imageGraph("pixel_values", "embedding",
                Dim.of(1), shape));
        refused(CliRunner.run("models", "install", "--from", renamed.toString()),
                "does not match Loupe's catalogue entry '" + SIGLIP + "'", "graph.imageInput is pixel_values");

        refused(CliRunner.run("models", "install", "--from", tmp.resolve("missing").toString()),
                "is not an Immich model export");
    }

    @Test
    @Order(6)
    void verifyAndRemoveWorkOnNestedFiles() throws Exception {
        for (String model : MODELS) {
            JsonNode verified = CliRunner.ok("models", "verify", model, "--json").json();
            assertTrue(verified.get("ok").asBoolean(), verified.toString());
            assertEquals(6, verified.get("files").size(), verified.toString());
        }
        Path config = home.models().resolve("clip").resolve(MOBILE).resolve("visual/preprocess_cfg.json");
        Files.writeString(config, "{}");
        CliRunner.Result bad = CliRunner.run("models", "verify", MOBILE, "--json");
        assertEquals(1, bad.exit(), bad.err());
        for (String model : MODELS) {
            assertTrue(CliRunner.ok("models", "remove", model, "--json").json().get("removed").asBoolean());
        }
    }
}
