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
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train → register → search for text→image heads: Fashion-MNIST garments written as files in folders named by
 * their class and indexed with the builtin model; a DeViSE head trained by {@code loupe-lab train head} on the
 * index's visual vectors and labels, a VSE head on an image–caption CSV; then {@code loupe search "TEXT" --head
 * NAME} and {@code POST /api/search {"head": NAME}} rank alike, and the head ranks the held-out garments of a class
 * higher for the class's name than the untrained index space does.
 */
class HeadEndToEndTest {
    private static final int ITEMS = 120;
    private static final int FRESH = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path folders;
    static Path fresh;
    static Path index;
    static Path captions;
    static FashionMnist split;

    @BeforeAll
    static void indexTheSet() throws Exception {
        split = FashionMnist.read(FashionMnist.defaultFolder(), false, ITEMS + FRESH);
        folders = tmp.resolve("photos").resolve("garments");
        fresh = tmp.resolve("photos").resolve("fresh"); // indexed, never trained on
        List<String> rows = new ArrayList<>(List.of("path,caption"));
        for (int i = 0; i < ITEMS + FRESH; i++) {
            String noun = FashionMnist.NOUNS.get(split.labels()[i]);
            Path dir = Files.createDirectories((i < ITEMS ? folders : fresh).resolve(noun));
            Path file = dir.resolve(String.format(Locale.ROOT, "%05d.png", i));
            ImageIO.write(split.render(i, 256, 224, false), "png", file.toFile());
            if (i < ITEMS) {
                rows.add(noun + "/" + file.getFileName() + ",\"a photo of a " + noun + ", on its own\"");
            }
        }
        captions = Files.write(folders.resolve("captions.csv"), rows);
        index = tmp.resolve("index");
        LabIndex.build(tmp.resolve("photos"), index, 2).close();
    }

    private static EndToEnd.Run train(String method, String examples, Path file, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "head", "--index", index.toString(), "--method",
                method, examples, file.toString(), "--name", name, "--steps", "300", "--json"));
        args.addAll(List.of(more));
        return EndToEnd.lab(args.toArray(String[]::new));
    }

    @Test
    void badDataIsRefusedWithWhatToFix() throws Exception {
        Path missing = Files.writeString(folders.resolve("missing.csv"), "path,caption\ndress/no-such.png,a dress\n");
        EndToEnd.Run r = train("vse", "--captions", missing, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("missing.csv line 2") && r.err().contains("dress/no-such.png is not in the "
                + "index"), r.err());

        String first = Files.readAllLines(captions).get(1).split(",")[0];
        Path empty = Files.writeString(folders.resolve("empty.csv"), first + ", \n");
        r = train("vse", "--captions", empty, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("empty.csv line 1: the caption of " + first + " is empty"), r.err());

        Path few = Files.writeString(folders.resolve("few.csv"), first + ",a garment\n");
        r = train("vse", "--captions", few, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("too few examples to train: found 1") && r.err().contains("need at least 8 "
                + "training pairs"), r.err());

        r = train("cca", "--folders", folders, "bad");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--method must be devise or vse"), r.err());
        assertTrue(!Files.exists(index.resolve("heads").resolve("bad.lcmp")));
    }

    @Test
    void aHeadTrainedOnTheIndexIsUsedByTheCliAndTheServer() throws Exception {
        EndToEnd.Run r = train("devise", "--folders", folders, "classes", "--held-out", "0.3");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        Path file = index.resolve("heads").resolve("classes.lcmp");
        assertEquals(file.toString(), summary.get("file").asText());
        assertEquals("visual", summary.get("imageSpace").asText());
        assertTrue(summary.get("lossEnd").asDouble() < summary.get("lossStart").asDouble(), r.out());
        EndToEnd.Run again = train("devise", "--folders", folders, "classes");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already registered") && again.err().contains("--force"), again.err());
        EndToEnd.Run vse = train("vse", "--captions", captions, "captions");
        assertEquals(0, vse.code(), vse.err());

        EndToEnd.Run info = EndToEnd.loupe("info", "--index", index.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        JsonNode heads = JSON.readTree(info.out()).get("heads");
        assertEquals(List.of("captions", "classes"), List.of(heads.get(0).get("name").asText(),
                heads.get(1).get("name").asText()));
        assertEquals("devise", heads.get(1).get("method").asText());

        List<String> plain = cli("coat", null);
        List<String> headed = cli("coat", "classes");
        assertNotEquals(plain, headed);
        EndToEnd.Run unknown = EndToEnd.loupe("search", "--index", index.toString(), "coat", "--head", "nope");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("registered: captions, classes"), unknown.err());

        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withModel("builtin").withIndexDir(index)
                .withAccess(SessionOptions.Access.READ).withThreads(2);
        try (Loupe loupe = Loupe.open(o); LoupeServer server = LoupeServer.start(loupe, index.toString(),
                ServerConfig.local(0), dev.loupe.engine.IndexerOptions.defaults())) {
            String base = "http://127.0.0.1:" + server.port();
            JsonNode status = JSON.readTree(EndToEnd.get(base + "/api/status").body());
            assertEquals("classes", status.at("/heads/1/name").asText());
            assertEquals(headed, http(base, "coat", "classes", 10, null));
            assertEquals(cli("sandal", "captions"), http(base, "sandal", "captions", 10, null));
            // a filter still applies: only the folder asked for
            String sandals = folders.resolve("sandal").toString();
            List<String> filtered = http(base, "coat", "classes", 10, sandals);
            assertTrue(!filtered.isEmpty());
            filtered.forEach(p -> assertTrue(p.startsWith(sandals), p));
            HttpResponse<String> bad = EndToEnd.post(base + "/api/search",
                    "{\"text\": \"coat\", \"head\": \"nope\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("unknown head 'nope'") && bad.body().contains("captions, classes"),
                    bad.body());
            // among garments it never saw, the head ranks each class's garments higher for the class's name than
            // the model's own text space does (R-precision)
            double plainPrecision = 0;
            double headPrecision = 0;
            int classes = 0;
            for (String noun : FashionMnist.NOUNS) {
                Path dir = fresh.resolve(noun);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                long n;
                try (var s = Files.list(dir)) {
                    n = s.count();
                }
                plainPrecision += precision(http(base, noun, null, (int) n, fresh.toString()), dir);
                headPrecision += precision(http(base, noun, "classes", (int) n, fresh.toString()), dir);
                classes++;
            }
            plainPrecision /= classes;
            headPrecision /= classes;
            System.out.printf(Locale.ROOT, "R-precision over %d classes of fresh garments: head %.3f, index space "
                    + "%.3f%n", classes, headPrecision, plainPrecision);
            assertTrue(headPrecision > plainPrecision + 0.1, "R-precision of the class names: head "
                    + headPrecision + ", index space " + plainPrecision + "; " + r.out() + vse.out());
        }
    }

    private static double precision(List<String> paths, Path dir) {
        return paths.stream().filter(p -> p.startsWith(dir.toString() + "/")).count() / (double) paths.size();
    }

    private static List<String> cli(String text, String head) throws Exception {
        List<String> args = new ArrayList<>(List.of("search", "--index", index.toString(), text, "-k", "10",
                "--json"));
        if (head != null) {
            args.addAll(List.of("--head", head));
        }
        EndToEnd.Run r = EndToEnd.loupe(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> paths = new ArrayList<>();
        JSON.readTree(r.out()).get("results").forEach(h -> paths.add(h.get("path").asText()));
        return paths;
    }

    private static List<String> http(String base, String text, String head, int k, String folder) throws Exception {
        // without a head, the model's own space alone (the folder names hold the class names, which words would find)
        String body = "{\"text\": \"" + text + "\", \"k\": " + k + (head == null ? ", \"mode\": \"semantic\""
                : ", \"head\": \"" + head + "\"") + (folder == null ? "" : ", \"filters\": {\"folder\": \"" + folder
                + "\"}") + "}";
        HttpResponse<String> r = EndToEnd.post(base + "/api/search", body);
        assertEquals(200, r.statusCode(), r.body());
        List<String> paths = new ArrayList<>();
        JSON.readTree(r.body()).get("hits").forEach(h -> paths.add(h.get("path").asText()));
        return paths;
    }
}
