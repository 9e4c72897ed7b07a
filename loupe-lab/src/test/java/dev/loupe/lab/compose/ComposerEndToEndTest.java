package dev.loupe.lab.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.lab.duplicates.LabIndex;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train → register → search: coloured Fashion-MNIST garments written as files with attribute descriptions, indexed
 * with the builtin model; a TIRG composer trained by {@code loupe-lab train composer} on the index's vectors; then
 * {@code loupe search --composer NAME} and {@code POST /api/search {"composer": NAME}} use it, and bring the same
 * garment in the asked colour closer than the untrained sum does.
 */
class ComposerEndToEndTest {
    private static final int ITEMS = 16;
    private static final int COLORS = 4; // red, green, blue, yellow
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path set;
    static Path index;
    static Path attributes;

    @BeforeAll
    static void indexTheSet() {
        set = tmp.resolve("set");
        attributes = ColoredFashionSet.write(FashionMnist.read(FashionMnist.defaultFolder(), false, ITEMS), ITEMS,
                COLORS, set);
        index = tmp.resolve("index");
        LabIndex.build(set.resolve("images"), index, 2).close();
    }

    private static EndToEnd.Run train(String examples, Path file, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "composer", "--index", index.toString(), examples,
                file.toString(), "--name", name, "--steps", "400", "--json"));
        args.addAll(List.of(more));
        return EndToEnd.lab(args.toArray(String[]::new));
    }

    private static Path image(int item, String color) {
        return set.resolve("images").resolve(String.format("%05d-%s.png", item, color));
    }

    @Test
    void badDataIsRefusedWithWhatToFix() throws Exception {
        Path missing = Files.writeString(set.resolve("missing.csv"), "path,description\nimages/00000-red.png,red "
                + "dress 0\nimages/no-such.png,blue dress 0\n");
        EndToEnd.Run r = train("--attributes", missing, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("line 3") && r.err().contains("images/no-such.png is not in the index"), r.err());

        Path empty = Files.writeString(set.resolve("empty.csv"), "images/00000-red.png, \" \"\n");
        r = train("--attributes", empty, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("line 1") && r.err().contains("description of images/00000-red.png is empty"),
                r.err());

        Path few = Files.writeString(set.resolve("few.csv"), "images/00000-red.png,red shirt 0\n"
                + "images/00000-blue.png,blue shirt 0\n");
        r = train("--attributes", few, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("too few pairs to train: found 2") && r.err().contains("need at least 8"),
                r.err());

        Path triplets = Files.writeString(set.resolve("t.jsonl"), "{\"reference\": \"images/00000-red.png\", "
                + "\"text\": \"\", \"target\": \"images/00000-blue.png\"}\n");
        r = train("--triplets", triplets, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("t.jsonl line 1: the modification text is empty"), r.err());

        r = train("--folders", set, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("too few pairs to train: found 0"), r.err()); // one folder: nothing differs

        r = train("--attributes", attributes, "bad", "--method", "relation");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--method must be tirg, concat, film, image or text"), r.err());
        assertTrue(!Files.exists(index.resolve("composers").resolve("bad.lcmp")));
    }

    @Test
    void tripletsTrainTooAndAreSplitByReferenceImage() throws Exception {
        StringBuilder csv = new StringBuilder("reference,text,target\n");
        for (int item = 0; item < ITEMS; item++) {
            csv.append("images/").append(image(item, "red").getFileName()).append(",\"in blue, please\",")
                    .append(image(item, "blue")).append('\n');
        }
        Path file = Files.writeString(set.resolve("triplets.csv"), csv);
        EndToEnd.Run r = train("--triplets", file, "blue-triplets", "--method", "concat");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals("concat", summary.get("method").asText());
        assertEquals(ITEMS, summary.get("trainQueries").asInt() + summary.get("heldOutQueries").asInt());
        assertEquals(Math.round(ITEMS * 0.2), summary.get("heldOutQueries").asInt());
        assertEquals(ITEMS * COLORS, summary.get("images").asInt());
        Files.delete(Path.of(summary.get("file").asText()));
    }

    @Test
    void aComposerTrainedOnTheIndexIsUsedByTheCliAndTheServer() throws Exception {
        EndToEnd.Run r = train("--attributes", attributes, "colours", "--seed", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals("tirg", summary.get("method").asText());
        Path file = index.resolve("composers").resolve("colours.lcmp");
        assertEquals(file.toString(), summary.get("file").asText());
        assertTrue(Files.isRegularFile(file));
        assertTrue(summary.at("/metrics/R@10").asDouble() > summary.at("/untrainedSum/R@10").asDouble(),
                r.out());
        EndToEnd.Run again = train("--attributes", attributes, "colours");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already registered") && again.err().contains("--force"), again.err());

        EndToEnd.Run info = EndToEnd.loupe("info", "--index", index.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        assertEquals("colours", JSON.readTree(info.out()).at("/composers/0/name").asText());

        // the CLI: the same query with and without the composer
        List<String> plain = cli(0, null);
        List<String> composed = cli(0, "colours");
        assertNotEquals(plain, composed);
        EndToEnd.Run unknown = EndToEnd.loupe("search", "--index", index.toString(), "--image", image(0, "red").toString(), "--text",
                "blue", "--composer", "nope");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("registered: colours"), unknown.err());

        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withModel("builtin").withIndexDir(index)
                .withAccess(SessionOptions.Access.READ).withThreads(2);
        try (Loupe loupe = Loupe.open(o); LoupeServer server = LoupeServer.start(loupe, index.toString(),
                ServerConfig.local(0), dev.loupe.engine.IndexerOptions.defaults())) {
            String base = "http://127.0.0.1:" + server.port();
            JsonNode status = JSON.readTree(EndToEnd.get(base + "/api/status").body());
            assertEquals("colours", status.at("/composers/0/name").asText());
            assertEquals("tirg", status.at("/composers/0/method").asText());
            // the server answers the CLI's composed query with the same ranking
            assertEquals(composed, http(base, loupe, 0, "colours", 10));
            HttpResponse<String> bad = EndToEnd.post(base + "/api/search", "{\"image\": \"" + id(loupe, image(0, "red"))
                    + "\", \"terms\": [{\"text\": \"blue\", \"role\": \"base\"}], \"composer\": \"nope\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("unknown composer 'nope'") && bad.body().contains("colours"), bad.body());
            // every garment in red + "blue": the blue one ranks higher with the trained composer than with the sum
            double plainRank = 0;
            double composedRank = 0;
            for (int item = 0; item < ITEMS; item++) {
                String target = image(item, "blue").toString();
                plainRank += rank(http(base, loupe, item, null, ITEMS * COLORS), target);
                composedRank += rank(http(base, loupe, item, "colours", ITEMS * COLORS), target);
            }
            assertTrue(composedRank < plainRank, "mean rank of the target: composer " + composedRank / ITEMS
                    + ", untrained sum " + plainRank / ITEMS);
        }
    }

    private static List<String> cli(int item, String composer) throws Exception {
        List<String> args = new ArrayList<>(List.of("search", "--index", index.toString(), "--image",
                image(item, "red").toString(), "--text", "blue", "-k", "10", "--json"));
        if (composer != null) {
            args.addAll(List.of("--composer", composer));
        }
        EndToEnd.Run r = EndToEnd.loupe(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> paths = new ArrayList<>();
        JSON.readTree(r.out()).get("results").forEach(h -> paths.add(h.get("path").asText()));
        return paths;
    }

    private static List<String> http(String base, Loupe loupe, int item, String composer, int k) throws Exception {
        String body = "{\"image\": \"" + id(loupe, image(item, "red")) + "\", \"terms\": [{\"text\": \"blue\", "
                + "\"role\": \"base\"}], \"k\": " + k + (composer == null ? "" : ", \"composer\": \"" + composer
                + "\"") + "}";
        HttpResponse<String> r = EndToEnd.post(base + "/api/search", body);
        assertEquals(200, r.statusCode(), r.body());
        List<String> paths = new ArrayList<>();
        JSON.readTree(r.body()).get("hits").forEach(h -> paths.add(h.get("path").asText()));
        return paths;
    }

    private static int rank(List<String> paths, String target) {
        int i = paths.indexOf(target);
        return i < 0 ? paths.size() : i;
    }

    private static String id(Loupe loupe, Path image) {
        return loupe.index().byPath(image.toAbsolutePath().normalize().toString()).orElseThrow().id();
    }
}
