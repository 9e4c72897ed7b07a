package dev.loupe.engine;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.index.LuceneImageIndex;
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

class QueryEngineTest {
    @TempDir
    Path tmp;

    /** An index that records which of its methods the engine called. */
    private static ImageIndex recording(ImageIndex index, List<String> calls) {
        return (ImageIndex) Proxy.newProxyInstance(ImageIndex.class.getClassLoader(), new Class<?>[]{ImageIndex.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(index, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<String> search(LuceneImageIndex index, int exactUpTo, boolean exact, List<String> calls) {
        FakeModel model = new FakeModel();
        ImageIndex seen = recording(index, calls);
        QueryEngine engine = new QueryEngine(model, seen, new Searcher(model, seen, new ImageDecoder()),
                ProbeSettings.DEFAULT, exactUpTo);
        QueryExpr expr = new QueryExpr(List.of(Term.of(Term.Kind.TEXT, "a red thing", Term.Role.BASE),
                Term.of(Term.Kind.TEXT, "green", Term.Role.MINUS)), Measure.SUM);
        return engine.search(new QueryEngine.Request(expr, 5, false, exact, dev.loupe.core.query.Composer.weightedSum()))
                .stream().map(h -> h.id()).toList();
    }

    @Test
    void smallIndexesAreScannedExactlyAndLargerOnesGoThroughTheAnnIndex() throws Exception {
        Random random = new Random(5);
        try (LuceneImageIndex index = LuceneImageIndex.openForWriting(tmp.resolve("index"), FakeModel.INFO, false)) {
            for (int i = 0; i < 40; i++) {
                float[] v = Vectors.normalize(new float[]{random.nextFloat(), random.nextFloat(), random.nextFloat(), 1});
                index.upsert(new ImageRecord(String.format("%016x", i), "/p/" + i + ".png", 1, 1, "h" + i, 1, 1, 0),
                        new ImageVectors(Map.of(Space.SEMANTIC, v, Space.VISUAL, v)));
            }
            index.commit();

            List<String> small = new ArrayList<>();
            List<String> exactHits = search(index, 40, false, small);
            assertTrue(small.contains("forEachVector") && !small.contains("nearest"), small.toString());

            List<String> large = new ArrayList<>();
            List<String> approximateHits = search(index, 39, false, large);
            assertTrue(large.contains("nearest") && !large.contains("forEachVector"), large.toString());
            assertEquals(exactHits, approximateHits, "40 vectors: the probes reach all of them");

            List<String> asked = new ArrayList<>();
            search(index, 0, true, asked);
            assertTrue(asked.contains("forEachVector"), "--exact scans whatever the size: " + asked);
            assertFalse(asked.contains("nearest"), asked.toString());
        }
    }

    @Test
    void aNegativeThresholdIsRefused() {
        FakeModel model = new FakeModel();
        assertThrows(IllegalArgumentException.class, () -> new QueryEngine(model, null, null, ProbeSettings.DEFAULT, -1));
    }
}
