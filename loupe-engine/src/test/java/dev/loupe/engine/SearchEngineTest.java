package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Vectors;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchEngineTest {
    @TempDir
    Path tmp;

    private static final QueryExpr ANALOGY = new QueryExpr(List.of(Term.of(Term.Kind.TEXT, "a red thing", Term.Role.BASE),
            Term.of(Term.Kind.TEXT, "green", Term.Role.MINUS)), Measure.SUM);

    /** An index that records which of its methods the engine called, with their arguments. */
    private static ImageIndex recording(ImageIndex index, List<String> calls, List<Object[]> args) {
        return (ImageIndex) Proxy.newProxyInstance(ImageIndex.class.getClassLoader(), new Class<?>[]{ImageIndex.class},
                (proxy, method, a) -> {
                    calls.add(method.getName());
                    args.add(a);
                    try {
                        return method.invoke(index, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static SearchEngine engine(ImageIndex index, int exactUpTo) {
        FakeModel model = new FakeModel();
        return new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()), ProbeSettings.DEFAULT,
                exactUpTo);
    }

    /** {@code n} images in {@code n / perFolder} folders, folder f dated day f, the first folder labelled "x". */
    private static LuceneWritableIndex library(Path dir, int n, int perFolder) {
        Random random = new Random(5);
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, FakeModel.INFO, false);
        for (int i = 0; i < n; i++) {
            float[] v = Vectors.normalize(new float[]{random.nextFloat(), random.nextFloat(), random.nextFloat(), 1});
            int folder = i / perFolder;
            long day = 86_400_000L * folder;
            index.upsert(new ImageRecord(String.format("%016x", i), "/lib/f" + folder + "/" + i + ".png", 1000 + i,
                    day, "h" + i, 10 + folder, 10, -1), new ImageVectors(Map.of(Space.SEMANTIC, v, Space.VISUAL, v)));
        }
        index.commit();
        for (int i = 0; i < perFolder; i++) {
            index.setLabels(String.format("%016x", i), Map.of("x", 0.9f));
        }
        index.commit();
        return index;
    }

    @Test
    void smallFilteredSetsAreScannedExactlyAndLargerOnesGoThroughTheAnnIndex() throws Exception {
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 40, 40)) {
            List<String> small = new ArrayList<>();
            SearchResult exact = engine(recording(index, small, new ArrayList<>()), 40).search(SearchRequest.of(ANALOGY, 5));
            assertTrue(small.contains("scan") && !small.contains("nearest"), small.toString());
            assertEquals("exact", exact.stats().plan());
            assertEquals(40, exact.stats().candidates());

            List<String> large = new ArrayList<>();
            SearchResult approximate = engine(recording(index, large, new ArrayList<>()), 39)
                    .search(SearchRequest.of(ANALOGY, 5));
            assertTrue(large.contains("nearest") && !large.contains("scan"), large.toString());
            assertEquals("probes", approximate.stats().plan());
            assertTrue(approximate.stats().visited() > 0, approximate.stats().toString());
            assertEquals(ids(exact.hits()), ids(approximate.hits()), "40 vectors: the probes reach all of them");

            List<String> asked = new ArrayList<>();
            engine(recording(index, asked, new ArrayList<>()), 0).search(SearchRequest.of(ANALOGY, 5).withExact(true));
            assertTrue(asked.contains("scan") && !asked.contains("nearest"), "--exact scans whatever the size: " + asked);
        }
    }

    @Test
    void aOnePercentFilterIsPushedIntoTheSearchAndStillFillsThePage() throws Exception {
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 5_000, 50)) {
            ImageFilter inOneFolder = ImageFilter.NONE.inFolder("/lib/f7");
            ImageFilter onOneDay = ImageFilter.NONE.datedIn(new ImageFilter.Range(86_400_000L * 9, 86_400_000L * 9));
            ImageFilter labelled = ImageFilter.withLabel("x");
            ImageFilter wide = ImageFilter.NONE.sized(ImageFilter.Range.ALL, ImageFilter.Range.atLeast(109),
                    ImageFilter.Range.atMost(10));
            for (ImageFilter filter : List.of(inOneFolder, onOneDay, labelled, wide)) {
                assertEquals(50, index.count(filter), filter.toString());
                for (int exactUpTo : new int[]{0, SearchEngine.DEFAULT_EXACT_UP_TO}) {
                    List<String> calls = new ArrayList<>();
                    List<Object[]> args = new ArrayList<>();
                    SearchResult r = engine(recording(index, calls, args), exactUpTo)
                            .search(SearchRequest.of(ANALOGY, 10).withFilter(filter));
                    assertEquals(10, r.hits().size(), filter + " " + r.stats());
                    for (Hit h : r.hits()) {
                        assertTrue(filter.test(h.image(), index.labels(h.id())), h.path() + " passes " + filter);
                    }
                    for (int i = 0; i < calls.size(); i++) {
                        if (calls.get(i).equals("nearest")) {
                            VectorQuery q = (VectorQuery) args.get(i)[0];
                            assertEquals(filter, q.filter(), "the filter goes into the kNN search");
                            assertTrue(q.k() <= 200, "no over-fetching: asked for " + q.k());
                        } else if (calls.get(i).equals("scan")) {
                            assertEquals(filter, args.get(i)[0], "the scan reads only images that pass");
                        }
                    }
                    assertEquals(exactUpTo == 0 ? "probes" : "exact", r.stats().plan());
                }
            }
        }
    }

    @Test
    void pagesAreDisjointAndSayWhetherMoreFollow() throws Exception {
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 30, 30)) {
            SearchEngine engine = engine(index, 100);
            SearchResult all = engine.search(SearchRequest.of(ANALOGY, 25));
            SearchResult first = engine.search(SearchRequest.of(ANALOGY, 10));
            SearchResult second = engine.search(SearchRequest.of(ANALOGY, 10).withPage(10, 10));
            SearchResult last = engine.search(SearchRequest.of(ANALOGY, 10).withPage(10, 20));
            assertEquals(ids(all.hits()).subList(0, 10), ids(first.hits()));
            assertEquals(ids(all.hits()).subList(10, 20), ids(second.hits()));
            assertTrue(first.more() && second.more());
            assertFalse(last.more());
            assertEquals(10, last.hits().size());
            assertThrows(IllegalArgumentException.class, () -> SearchRequest.of(ANALOGY, 10).withPage(10, 9_995));
        }
    }

    @Test
    void anIndexedQueryImageIsLeftOutUnlessKeptAndASingleImageBlendsBothSpaces() throws Exception {
        try (LuceneWritableIndex index = library(tmp.resolve("index"), 30, 30)) {
            SearchEngine engine = engine(index, 100);
            String id = String.format("%016x", 3);
            SearchResult like = engine.search(SearchRequest.of(QueryExpr.imageId(id), 5).withVisualWeight(0.5f));
            assertEquals("blend", like.measure());
            assertEquals("blend-exact", like.stats().plan());
            assertFalse(ids(like.hits()).contains(id));
            SearchResult kept = engine.search(SearchRequest.of(QueryExpr.imageId(id), 5).withVisualWeight(0.5f)
                    .withIncludeQueryImages(true));
            assertEquals(id, kept.hits().get(0).id(), "an image is most like itself");
            SearchResult semanticOnly = engine.search(SearchRequest.of(QueryExpr.imageId(id), 5).withVisualWeight(0f));
            assertEquals("sum", semanticOnly.measure(), "weight 0 (the fake model's default too): the plain "
                    + "expression in the text space");
            assertThrows(IllegalArgumentException.class, () -> SearchRequest.of(QueryExpr.imageId(id), 5)
                    .withVisualWeight(Float.NaN));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> engine.search(SearchRequest.of(QueryExpr.imageId("00000000000000ff"), 5)));
            assertTrue(e.getMessage().contains("unknown image id"), e.getMessage());
        }
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> engine(null, -1));
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }
}
