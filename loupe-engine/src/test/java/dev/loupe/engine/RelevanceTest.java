package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Relevance;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.RelevanceCalibrator;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relevance hits carry: which queries get one, where the calibration comes from, what it computes. */
class RelevanceTest {
    @TempDir
    Path tmp;

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static LuceneWritableIndex index(Path dir, int n) {
        Random random = new Random(3);
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, FakeModel.INFO, false);
        for (int i = 0; i < n; i++) {
            float[] v = Vectors.normalize(new float[]{random.nextFloat(), random.nextFloat(), random.nextFloat(), 1});
            index.upsert(new ImageRecord(String.format("%016x", i), "/lib/" + i + ".png", 1000 + i, 0, "h" + i, 10,
                    10, -1), new ImageVectors(Map.of(Space.SEMANTIC, v, Space.VISUAL, v)));
        }
        index.commit();
        return index;
    }

    private static SearchEngine engine(FakeModel model, LuceneWritableIndex index) {
        return new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()), ProbeSettings.DEFAULT,
                SearchEngine.DEFAULT_EXACT_UP_TO, new RelevanceCalibrator(model, index));
    }

    /** The measured calibration reads a cosine as spreads above the median of the query's non-matches. */
    @Test
    void fromNullPutsTheMedianAtTheBiasAndOneSpreadAboveAtScalePlusBias() {
        double[] nulls = new double[1001];
        for (int i = 0; i < nulls.length; i++) {
            nulls[i] = 0.2 + 0.1 * (i - 500) / 500.0; // uniform on [0.1, 0.3]: median 0.2, MAD 0.05
        }
        Relevance r = RelevanceCalibrator.fromNull(nulls, RelevanceCalibrator.Z_SCALE, RelevanceCalibrator.Z_BIAS,
                "test");
        double spread = 1.4826 * 0.05;
        assertEquals(sigmoid(RelevanceCalibrator.Z_BIAS), r.of(0.2f), 1e-5);
        assertEquals(sigmoid(RelevanceCalibrator.Z_SCALE + RelevanceCalibrator.Z_BIAS), r.of((float) (0.2 + spread)),
                1e-4);
        assertTrue(r.of(0.9f) > 0.99 && r.of(0.0f) < 0.01, r.of(0.9f) + " " + r.of(0.0f));
        assertTrue(r.method().contains("median 0.2000") && r.method().contains("spread 0.0741"), r.method());
    }

    @Test
    void plainTextQueriesGetARelevanceMeasuredForTheQueryThatFollowsTheScore() throws Exception {
        FakeModel model = new FakeModel();
        try (LuceneWritableIndex index = index(tmp.resolve("index"), 50)) {
            SearchEngine engine = engine(model, index);
            SearchResult r = engine.search(SearchRequest.of(QueryExpr.text("a red thing"), 20));
            Relevance used = engine.relevance("a red thing").orElseThrow();
            assertTrue(used.method().startsWith("measured: the query's cosines with 50 indexed images"), used.method());
            float previous = 2;
            for (Hit h : r.hits()) {
                assertNotNull(h.relevance(), "a plain text query's hits carry a relevance");
                assertEquals(used.of(h.score()), h.relevance(), 1e-6);
                assertTrue(h.relevance() >= 0 && h.relevance() <= 1 && h.relevance() <= previous);
                previous = h.relevance();
            }
            // the median image sits at the bias: relevance is about the query's non-matches, not the raw cosine
            double[] cos = new double[50];
            for (int i = 0; i < 50; i++) {
                cos[i] = Vectors.dot(model.encodeText("a red thing"), index.vector(String.format("%016x", i),
                        Space.SEMANTIC).orElseThrow());
            }
            java.util.Arrays.sort(cos);
            float median = (float) ((cos[24] + cos[25]) / 2);
            assertEquals(sigmoid(RelevanceCalibrator.Z_BIAS), used.of(median), 1e-3);
            Relevance other = engine.relevance("something else entirely").orElseThrow();
            assertTrue(Math.abs(other.bias() - used.bias()) > 1e-3, "each query is read against its own scores");
        }
    }

    /**
     * A hybrid hit is likely to match when its content or its words say so: an image whose OCR text holds the
     * query's word keeps a high relevance even though its cosine is the lowest of all, while the others keep the
     * relevance of their cosine.
     */
    @Test
    void aHybridHitIsRelevantByItsContentOrByItsWords() throws Exception {
        FakeModel model = new FakeModel();
        try (LuceneWritableIndex index = index(tmp.resolve("index"), 50)) {
            float[] q = model.encodeText("bakery");
            String farthest = null;
            double lowest = 2;
            for (int i = 0; i < 50; i++) {
                String id = String.format("%016x", i);
                double cos = Vectors.dot(q, index.vector(id, Space.SEMANTIC).orElseThrow());
                if (cos < lowest) {
                    lowest = cos;
                    farthest = id;
                }
            }
            index.setText(farthest, new ImageText("", "", "BAKERY open daily", OcrState.DONE, "", null));
            index.commit();
            SearchEngine engine = engine(model, index);
            SearchResult r = engine.search(SearchRequest.of(QueryExpr.text("bakery"), 50));
            assertTrue(r.stats().plan().startsWith("hybrid"), r.stats().plan());
            Relevance byContent = engine.relevance("bakery").orElseThrow();
            for (Hit h : r.hits()) {
                assertNotNull(h.relevance(), "every hybrid hit carries a relevance: " + h);
                float content = byContent.of((float) Vectors.dot(q, index.vector(h.id(), Space.SEMANTIC)
                        .orElseThrow()));
                if (h.id().equals(farthest)) {
                    assertTrue(h.relevance() > 0.3f && content < 0.05f, h + ", by content alone " + content);
                } else {
                    assertEquals(content, h.relevance(), 1e-5, h.toString());
                }
            }
        }
    }

    @Test
    void analogiesImagesAndNegativesGetNoRelevance() throws Exception {
        FakeModel model = new FakeModel();
        try (LuceneWritableIndex index = index(tmp.resolve("index"), 20)) {
            SearchEngine engine = engine(model, index);
            for (QueryExpr q : List.of(QueryExpr.text("red").minus("green"), QueryExpr.imageId("0000000000000003"),
                    QueryExpr.text("red").plus("round"))) {
                engine.search(SearchRequest.of(q, 5)).hits().forEach(h -> assertNull(h.relevance(), q.toString()));
            }
        }
    }

    /** A model with its own calibration (SigLIP's logit scale and bias) is used as it is, nothing is measured. */
    @Test
    void aModelsOwnSigmoidIsUsedAsItIs() throws Exception {
        Relevance siglip = new Relevance(111.38, -12.928, "the checkpoint's logit scale and bias");
        FakeModel model = new FakeModel() {
            @Override
            public Optional<Relevance> relevance() {
                return Optional.of(siglip);
            }
        };
        try (LuceneWritableIndex index = index(tmp.resolve("index"), 20)) {
            SearchEngine engine = engine(model, index);
            for (Hit h : engine.search(SearchRequest.of(QueryExpr.text("blue"), 5)).hits()) {
                assertEquals(sigmoid(111.38 * h.score() - 12.928), h.relevance(), 1e-6);
            }
            assertEquals(siglip, engine.relevance("blue").orElseThrow());
        }
    }

    @Test
    void tooFewImagesSayNothingAboutNonMatches() throws Exception {
        try (LuceneWritableIndex index = index(tmp.resolve("index"), RelevanceCalibrator.MIN_SAMPLE - 1)) {
            SearchEngine engine = engine(new FakeModel(), index);
            assertTrue(engine.relevance("red").isEmpty());
            engine.search(SearchRequest.of(QueryExpr.text("red"), 5)).hits().forEach(h -> assertNull(h.relevance()));
        }
    }
}
