package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.bench.data.BenchData;
import dev.loupe.bench.data.Fvecs;
import dev.loupe.bench.data.QueryKind;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.VectorMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench harness end to end on 10,000 vectors, so that it cannot rot: real embeddings of 400 Fashion-MNIST
 * images, 10,000 draws from a fit to them, queries and exact answers; the ANN bench with every Loupe encoding and
 * the Python peers; the engine bench on a product index. Checks what the numbers must satisfy whatever the machine:
 * stored answers are exact, a wide search finds them, epsilon recall never counts less than strict recall.
 */
class BenchHarnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void vectorsSearchAndEngineBenchesRunEndToEnd(@TempDir Path dir) throws Exception {
        run("vectors", "--out", dir.toString(), "--real", "400", "--synth", "10000", "--queries", "20",
                "--clusters", "16");
        BenchData data = new BenchData(dir);
        assertEquals(List.of("real", "synth"), data.sets());
        VectorMatrix synth = data.readBase(BenchData.SYNTH);
        assertEquals(10_000, synth.size());
        for (int i = 0; i < synth.size(); i += 997) {
            assertEquals(1f, synth.squaredNorm(i), 1e-4, "drawn vectors are unit length like the real ones");
        }
        assertEquals(10_000, Fvecs.read(data.baseVisual(BenchData.SYNTH)).size());
        for (QueryKind kind : QueryKind.values()) {
            assertStoredAnswersAreExact(data, kind, synth);
        }

        String table = run("search", "--data", dir.toString(), "--sets", "synth", "--params", "10,64",
                "--exact-queries", "5", "--peers", "hnswlib,faiss-hnsw,faiss-ivf-flat");
        Map<String, Double> bestRecall = new HashMap<>();
        Set<String> built = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("build")) {
                built.add(n.path("system").asText());
                assertTrue(n.path("diskBytes").asLong() > 0 && n.path("buildSeconds").asDouble() > 0, line);
                continue;
            }
            double recall = n.path("recall").asDouble();
            assertTrue(n.path("epsilonRecall").asDouble() >= recall - 1e-9, "epsilon counts every strict hit: " + line);
            assertTrue(n.path("qps").asDouble() > 0 && n.path("p99Ms").asDouble() >= n.path("p50Ms").asDouble(), line);
            bestRecall.merge(n.path("system").asText() + "/" + n.path("kind").asText(), recall, Math::max);
        }
        assertEquals(Set.of("loupe-lucene-float32", "loupe-lucene-int7", "loupe-lucene-int4", "loupe-lucene-bbq",
                "hnswlib", "faiss-hnsw", "faiss-ivf-flat"), built);
        for (String system : List.of("loupe-lucene-float32", "hnswlib", "faiss-hnsw")) {
            for (QueryKind kind : QueryKind.values()) {
                double r = bestRecall.get(system + "/" + kind.id());
                assertTrue(r >= 0.8, system + " finds the exact answers of " + kind.id() + " with 64 candidates: " + r);
            }
        }
        assertTrue(table.contains("synth/analogy-diff") && table.contains("| hnswlib | strict"), table);

        String engine = run("engine", "--data", dir.toString(), "--size", "2000", "--queries", "20", "--warm-up",
                "5", "--kinds", "text,similar,analogy-diff,composed", "--json");
        JsonNode e = JSON.readTree(engine);
        assertEquals(8, e.path("rows").size());
        for (JsonNode row : e.path("rows")) {
            // 2,000 images (and their 1 % folder) are under the exact-scan threshold
            // (a text naming the model's labels, "trousers", is planned labels-exact)
            List<String> plans = new ArrayList<>();
            row.path("plans").fieldNames().forEachRemaining(plans::add);
            assertTrue(!plans.isEmpty() && plans.stream().allMatch(p -> p.endsWith("exact")), row.toString());
            assertEquals(10.0, row.path("hitsMean").asDouble(), 1e-9, "20 images in the folder: a full page; " + row);
            assertTrue(row.path("p99Ms").asDouble() >= row.path("p50Ms").asDouble(), row.toString());
        }
    }

    /** The stored top 100 of the first queries equal a brute-force ranking with the product's scoring. */
    private static void assertStoredAnswersAreExact(BenchData data, QueryKind kind, VectorMatrix base) {
        List<ResolvedQuery> queries = data.readQueries(kind);
        BenchData.Truth truth = data.readTruth(BenchData.SYNTH, kind);
        assertEquals(queries.size(), truth.queries());
        for (int q = 0; q < 3; q++) {
            ResolvedQuery query = queries.get(q);
            List<float[]> scored = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                scored.add(new float[] {i, base.score(query, i)});
            }
            scored.sort((a, b) -> Float.compare(b[1], a[1]));
            float[] stored = truth.scores().get(q);
            for (int r = 0; r < 10; r++) {
                assertEquals(scored.get(r)[1], stored[r], 1e-5, kind.id() + " query " + q + " rank " + r);
            }
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, args[0] + " failed: " + err);
        return out.toString();
    }
}
