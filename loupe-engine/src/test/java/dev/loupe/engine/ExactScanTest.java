package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.VectorMatrix;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchMode;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streamed exact scan (vectors scored in place, records read for the top only) against the path it replaced:
 * every image that passes the filter copied into a {@link VectorMatrix} and ranked by {@link ExactScanner}.
 */
class ExactScanTest {
    private static final int IMAGES = 3_000;
    private static final String QUERY_IMAGE = String.format("%016x", 707);

    @TempDir
    Path tmp;

    @Test
    void streamedScanRanksLikeTheMatrixScanWithAndWithoutFilters() throws Exception {
        FakeModel model = new FakeModel();
        try (LuceneWritableIndex index = library(tmp.resolve("index"))) {
            SearchEngine engine = new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()),
                    ProbeSettings.DEFAULT, 0);
            List<QueryExpr> queries = List.of(QueryExpr.text("a red thing"),
                    new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, QUERY_IMAGE, Term.Role.BASE),
                            Term.of(Term.Kind.TEXT, "green", Term.Role.MINUS),
                            Term.of(Term.Kind.TEXT, "blue", Term.Role.PLUS)), Measure.SUM),
                    new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, QUERY_IMAGE, Term.Role.BASE),
                            Term.of(Term.Kind.TEXT, "green", Term.Role.MINUS),
                            Term.of(Term.Kind.TEXT, "blue", Term.Role.PLUS)), Measure.DIFF));
            List<ImageFilter> filters = List.of(ImageFilter.NONE, ImageFilter.NONE.inFolder("/lib/f7/"),
                    ImageFilter.NONE.inFolder("/lib/f2/"));
            for (ImageFilter filter : filters) {
                for (QueryExpr expr : queries) {
                    SearchResult r = engine.search(SearchRequest.of(expr, 10).withFilter(filter).withExact(true)
                            .withMode(SearchMode.SEMANTIC));
                    assertEquals("exact", r.stats().plan());
                    ResolvedQuery q = ResolvedQuery.resolve(expr, t -> t.kind() == Term.Kind.TEXT
                            ? model.encodeText(t.value()) : index.vector(t.value(), Space.SEMANTIC).orElseThrow());
                    assertSame(matrixScan(index, q, filter, 10), r.hits(), expr + " " + filter);
                }
                // a single image: the visual+semantic blend, scanned in both spaces
                SearchResult blend = engine.search(SearchRequest.of(QueryExpr.imageId(QUERY_IMAGE), 10)
                        .withVisualWeight(0.3f).withFilter(filter).withExact(true));
                assertEquals("blend-exact", blend.stats().plan());
                assertSame(blendScan(index, 0.3f, filter, 10), blend.hits(), "blend " + filter);
            }
        }
    }

    private static void assertSame(List<Hit> expected, List<Hit> actual, String what) {
        assertEquals(expected.stream().map(Hit::id).toList(), actual.stream().map(Hit::id).toList(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5f, what + " hit " + i);
        }
    }

    /** The replaced path: every vector copied into a matrix, the query image left out, then the exact scanner. */
    private static List<Hit> matrixScan(LuceneWritableIndex index, ResolvedQuery q, ImageFilter filter, int k) {
        List<ImageRecord> records = new ArrayList<>();
        VectorMatrix.Builder matrix = VectorMatrix.builder(FakeModel.INFO.space(Space.SEMANTIC).dimension());
        index.forEach(filter, Set.of(Space.SEMANTIC), (record, v) -> {
            if (!record.id().equals(QUERY_IMAGE)) {
                records.add(record);
                matrix.add(v.get(Space.SEMANTIC));
            }
        });
        List<ScoredOrdinal> top = new ExactScanner(matrix.build()).topK(q, k);
        return top.stream().map(s -> new Hit(records.get(s.ordinal()), s.score())).toList();
    }

    private static List<Hit> blendScan(LuceneWritableIndex index, float w, ImageFilter filter, int k) {
        ImageVectors query = index.vectors(QUERY_IMAGE).orElseThrow();
        List<Hit> all = new ArrayList<>();
        index.forEach(filter, Set.of(Space.SEMANTIC, Space.VISUAL), (record, v) -> {
            if (!record.id().equals(QUERY_IMAGE)) {
                all.add(new Hit(record, w * Vectors.dot(query.get(Space.VISUAL), v.get(Space.VISUAL))
                        + (1 - w) * Vectors.dot(query.get(Space.SEMANTIC), v.get(Space.SEMANTIC))));
            }
        });
        all.sort(Comparator.comparingDouble(Hit::score).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    /** Random vectors in 30 folders, written in three commits with replacements, so several segments hold deletes. */
    private static LuceneWritableIndex library(Path dir) {
        Random random = new Random(11);
        LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, FakeModel.INFO, false);
        for (int round = 0; round < 3; round++) {
            for (int i = round * IMAGES / 3; i < IMAGES; i += round == 0 ? 1 : 7) {
                index.upsert(new ImageRecord(String.format("%016x", i), "/lib/f" + (i % 30) + "/" + i + ".png",
                        1000 + i, 0, "h" + i, 10, 10, -1), new ImageVectors(Map.of(Space.SEMANTIC, unit(random),
                        Space.VISUAL, unit(random))));
            }
            index.commit();
        }
        return index;
    }

    private static float[] unit(Random r) {
        return Vectors.normalize(new float[]{(float) r.nextGaussian(), (float) r.nextGaussian(),
                (float) r.nextGaussian(), (float) r.nextGaussian()});
    }
}
