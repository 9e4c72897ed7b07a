package dev.loupe.models.tags;

import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagScorerTest {
    private static float[] v(float... x) {
        return Vectors.normalize(x);
    }

    @Test
    void hubnessCorrectionDemotesAWordThatIsCloseToEveryClass() {
        // three classes along the axes; "hub" sits between all of them, "specific" near class 0 only
        float[][] classes = {v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)};
        List<String> words = List.of("hub", "specific");
        float[][] embeddings = {v(1, 1, 1), v(1, 0.3f, 0)};
        float[] image = v(1, 0.45f, 0.45f);

        assertEquals("hub", new TagScorer(words, embeddings).top(image, 1).get(0).tag());
        List<Tag> corrected = TagScorer.withHubnessCorrection(words, embeddings, classes, 3).top(image, 2);
        assertEquals("specific", corrected.get(0).tag());
        assertEquals(2, corrected.size());
    }

    @Test
    void zeroNeighbourhoodIsPlainCosine() {
        float[][] classes = {v(1, 0), v(0, 1)};
        float[][] embeddings = {v(1, 0), v(1, 1)};
        float[] image = v(1, 0.2f);
        float[] plain = new TagScorer(List.of("a", "b"), embeddings).scores(image);
        float[] csls0 = TagScorer.withHubnessCorrection(List.of("a", "b"), embeddings, classes, 0).scores(image);
        assertEquals(plain[0], csls0[0], 1e-6);
        assertEquals(plain[1], csls0[1], 1e-6);
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> new TagScorer(List.of("a"), new float[2][2]));
        assertThrows(IllegalArgumentException.class,
                () -> TagScorer.withHubnessCorrection(List.of("a"), new float[][]{v(1, 0)}, new float[][]{v(1, 0)}, 2));
        assertThrows(IllegalArgumentException.class, () -> new TagScorer(List.of("a"), new float[][]{v(1, 0)}).top(v(1, 0), 0));
    }
}
