package dev.loupe.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Vectors;
import dev.loupe.core.compose.Dense;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text query ranked in a head's space: the exact plan is the head's cosine over every image; the approximate plan
 * probes the visual space's graph with the head's direction under the filter and re-scores with the head's cosine.
 */
class HeadSearchTest {
    private static final QueryExpr TEXT = new QueryExpr(List.of(Term.of(Term.Kind.TEXT, "a red thing",
            Term.Role.BASE)), Measure.SUM);
    /** DeViSE from the 4-d visual space onto the 4-d text space: a fixed, non-trivial linear map. */
    private static final TextImageHead HEAD = new TextImageHead(TextImageHead.DEVISE, Space.VISUAL, new Dense(
            new float[] {0.9f, -0.2f, 0.1f, 0.3f, 0.1f, 0.8f, -0.3f, 0.2f, 0.2f, 0.1f, 0.7f, -0.4f, -0.1f, 0.3f,
                0.2f, 0.6f}, new float[] {0.05f, -0.02f, 0.01f, 0}, 4, 4), null);

    @TempDir
    Path tmp;

    private static SearchEngine engine(ImageIndex index) {
        FakeModel model = new FakeModel();
        return new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()), ProbeSettings.DEFAULT,
                SearchEngine.DEFAULT_EXACT_UP_TO);
    }

    /** {@code n} images in folders of 100, with unrelated visual and semantic vectors. */
    private static LuceneWritableIndex library(Path dir, int n, Map<String, float[]> visual) {
        Random random = new Random(11);
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, FakeModel.INFO, false);
        for (int i = 0; i < n; i++) {
            float[] v = Vectors.normalize(new float[] {random.nextFloat() - 0.5f, random.nextFloat() - 0.5f,
                random.nextFloat() - 0.5f, random.nextFloat() - 0.5f});
            float[] s = Vectors.normalize(new float[] {random.nextFloat(), random.nextFloat(), 1, 1});
            String id = String.format("%016x", i);
            visual.put(id, v);
            index.upsert(new ImageRecord(id, "/lib/f" + i / 100 + "/" + i + ".png", 1000 + i, 0, "h" + i, 10, 10, -1),
                    new ImageVectors(Map.of(Space.SEMANTIC, s, Space.VISUAL, v)));
        }
        index.commit();
        return index;
    }

    private static ImageIndex recording(ImageIndex index, List<Object[]> nearest) {
        return (ImageIndex) Proxy.newProxyInstance(ImageIndex.class.getClassLoader(), new Class<?>[] {ImageIndex.class},
                (proxy, method, a) -> {
                    if (method.getName().equals("nearest")) {
                        nearest.add(a);
                    }
                    try {
                        return method.invoke(index, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    @Test
    void theExactPlanIsTheHeadsCosineAndTheProbesFindTheSameTop() throws Exception {
        Map<String, float[]> visual = new HashMap<>();
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 2_000, visual)) {
            float[] q = HEAD.query(new FakeModel().encodeText("a red thing"));
            List<String> truth = visual.keySet().stream().sorted(Comparator.comparingDouble(
                    (String id) -> -HEAD.score(q, visual.get(id)))).limit(10).toList();
            SearchResult exact = engine(index).search(SearchRequest.of(TEXT, 10).withHead(HEAD).withExact(true));
            assertEquals("head-exact", exact.stats().plan());
            assertEquals(truth, ids(exact.hits()));
            assertEquals(HEAD.score(q, visual.get(truth.get(0))), exact.hits().get(0).score(), 1e-5f);

            List<Object[]> nearest = new ArrayList<>();
            SearchResult probes = engine(recording(index, nearest)).search(SearchRequest.of(TEXT, 10).withHead(HEAD));
            assertEquals("head-probes", probes.stats().plan());
            VectorQuery asked = (VectorQuery) nearest.get(0)[0];
            assertEquals(Space.VISUAL, asked.space());
            assertEquals(500, asked.k());
            long found = ids(probes.hits()).stream().filter(truth::contains).count();
            assertTrue(found >= 9, "the probes find " + found + " of the exact top 10");
            // without the head, the model's own space ranks otherwise
            assertTrue(!ids(engine(index).search(SearchRequest.of(TEXT, 10).withExact(true)).hits()).equals(truth));
        }
    }

    @Test
    void aFilterStillAppliesAndAQueryWithAnImageIsRefused() throws Exception {
        Map<String, float[]> visual = new HashMap<>();
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 2_000, visual)) {
            ImageFilter folder = ImageFilter.NONE.inFolder("/lib/f3");
            SearchResult r = engine(index).search(SearchRequest.of(TEXT, 10).withHead(HEAD).withFilter(folder));
            assertEquals("head-exact", r.stats().plan()); // 100 images pass: fewer than the probe depth
            assertEquals(10, r.hits().size());
            r.hits().forEach(h -> assertTrue(h.path().startsWith("/lib/f3/"), h.path()));
            ImageRecord any = index.byPath("/lib/f0/0.png").orElseThrow();
            QueryExpr image = new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, any.id(), Term.Role.BASE)),
                    Measure.SUM);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> engine(index).search(SearchRequest.of(image, 10).withHead(HEAD)));
            assertTrue(e.getMessage().contains("a head ranks one plain text query"), e.getMessage());
        }
    }
}
