package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.NamedLabels;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A text query naming a model's labels ranks by cosine plus the weighted stored probability (the class hierarchy's
 * second signal, docs/quality.md): the planner finds an image the model is sure of even when its cosine ranks it
 * last, on both the exact and the probes plan, and a label filter still counts the model's labels only from its own
 * threshold up.
 */
class LabelSearchTest {
    @TempDir
    Path tmp;

    /** The fake model, naming the label "cat" in any text that says "cat", weight 2 (dominant on these toy vectors), labels from 0.4 up. */
    static final class LabellingModel extends FakeModel {
        @Override
        public float labelThreshold() {
            return 0.4f;
        }

        @Override
        public Optional<NamedLabels> namedLabels(String text) {
            return text.contains("cat") ? Optional.of(new NamedLabels(List.of("cat"), 2f)) : Optional.empty();
        }
    }

    private static String id(int i) {
        return String.format("%016x", i);
    }

    @Test
    void anImageTheModelIsSureOfRisesFromLastPlaceAndEvidenceIsNoLabel() throws Exception {
        LabellingModel model = new LabellingModel();
        float[] query = model.encodeText("a cat");
        Random random = new Random(11);
        float[][] v = new float[300][];
        for (int i = 0; i < v.length; i++) {
            v[i] = Vectors.normalize(new float[]{random.nextFloat(), random.nextFloat(), random.nextFloat(), 1});
        }
        List<Integer> byCosine = IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -Vectors.dot(query, v[i]))).toList();
        int last = byCosine.get(v.length - 1);  // the model is sure it shows a cat
        int fifth = byCosine.get(4);             // a little evidence of a cat
        int second = byCosine.get(1);            // a cat, not as sure
        int wordsOnlyCat = byCosine.get(290);    // found by its words only, a little evidence of a cat
        int wordsOnly = byCosine.get(289);       // found by the same words only, a better cosine, no cat
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(tmp.resolve("index"), FakeModel.INFO, false)) {
            for (int i = 0; i < v.length; i++) {
                Map<String, Float> labels = i == last ? Map.of("cat", 0.95f, "animal", 0.99f)
                        : i == fifth ? Map.of("cat", 0.2f) : i == second ? Map.of("cat", 0.6f)
                        : i == wordsOnlyCat ? Map.of("cat", 0.3f) : Map.of();
                index.upsert(new ImageRecord(id(i), "/lib/" + i + ".png", 1000, 0, "h" + i, 10, 10, -1),
                        new ImageVectors(Map.of(Space.SEMANTIC, v[i], Space.VISUAL, v[i]), labels));
            }
            index.commit();
            for (int i : new int[]{wordsOnlyCat, wordsOnly}) {
                index.setText(id(i), new ImageText("", "", "CAT food", OcrState.DONE, "", null));
            }
            index.commit();
            for (int exactUpTo : new int[]{10_000, 0}) {
                SearchEngine engine = new SearchEngine(model, index, new QueryImages(model, index, new ImageDecoder()),
                        ProbeSettings.DEFAULT, exactUpTo);
                String plan = exactUpTo > 0 ? "labels-exact" : "labels-probes";
                SearchResult r = engine.search(SearchRequest.of(QueryExpr.text("a cat"), 10)
                        .withMode(SearchMode.SEMANTIC));
                assertEquals(plan, r.stats().plan());
                List<String> ids = r.hits().stream().map(Hit::id).toList();
                assertEquals(id(last), ids.get(0), plan + ": cosine last, probability 0.95 → first");
                assertEquals(id(second), ids.get(1), plan);
                assertEquals(Vectors.dot(query, v[last]) + 2f * 0.95f, r.hits().get(0).score(), 1e-5f);
                assertTrue(ids.indexOf(id(fifth)) >= 0 && ids.indexOf(id(fifth)) <= 4, plan + ": evidence lifts " + ids);
                Float relevance = r.hits().get(0).relevance();
                assertTrue(relevance == null || relevance >= 0.95f, "as likely as its probability says: " + relevance);

                // in the default (hybrid) mode the words join in, and an image only they found gets its probability too
                SearchResult hybrid = engine.search(SearchRequest.of(QueryExpr.text("a cat"), 10));
                assertEquals("labels-hybrid-" + plan.substring("labels-".length()), hybrid.stats().plan());
                assertEquals(id(last), hybrid.hits().get(0).id());
                // a quoted word: only images with it are answers, here two that the embedding ranked 290th and 291st
                SearchResult phrase = engine.search(SearchRequest.of(QueryExpr.text("\"cat\""), 10));
                assertEquals(List.of(id(wordsOnlyCat), id(wordsOnly)), phrase.hits().stream().map(Hit::id).toList(),
                        "the worse cosine with a probability of 0.3 comes first");

                // a label filter counts the model's labels from its threshold up: the evidence of 0.2 is no label
                SearchResult cats = engine.search(SearchRequest.of(QueryExpr.text("a photo"), 10)
                        .withFilter(ImageFilter.withLabel("cat")));
                assertEquals(List.of(id(second), id(last)).stream().sorted().toList(),
                        cats.hits().stream().map(Hit::id).sorted().toList());
                assertFalse(cats.stats().plan().startsWith("labels-"), "a query naming no label ranks by cosine");

                // an analogy is not a plain text query: no second signal
                QueryExpr analogy = new QueryExpr(List.of(Term.of(Term.Kind.TEXT, "a cat", Term.Role.BASE),
                        Term.of(Term.Kind.TEXT, "green", Term.Role.PLUS)), Measure.SUM);
                assertFalse(engine.search(SearchRequest.of(analogy, 10)).stats().plan().startsWith("labels-"));
            }
        }
    }
}
