package dev.loupe.learn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.TextImageHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Heads over frozen vectors: 8 classes whose 24-d "image" vectors are a class centre plus noise, and whose 6-d
 * "text" vectors are unrelated random vectors; only a trained head can tell which text goes with which image.
 * Measured on images drawn anew (not trained on), with the exported plain-Java head.
 */
class TextImageHeadTrainerTest {
    private static final int CLASSES = 8;
    private static final int D = 24;
    private static final int T = 6;

    private static float[] noisy(float[] centre, Random rnd) {
        float[] v = centre.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (0.3 * rnd.nextGaussian());
        }
        return v;
    }

    private static float[] gaussian(int n, Random rnd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** Share of fresh images whose own class text scores highest among all texts. */
    private static double accuracy(String method) {
        Random rnd = new Random(7);
        float[][] centres = IntStream.range(0, CLASSES).mapToObj(c -> gaussian(D, rnd)).toArray(float[][]::new);
        float[][] texts = IntStream.range(0, CLASSES).mapToObj(c -> gaussian(T, rnd)).toArray(float[][]::new);
        int n = 400;
        float[][] images = new float[n][];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images[i] = noisy(centres[i % CLASSES], rnd);
            pairs.add(new int[] {i, i % CLASSES});
        }
        TextImageHeadTrainer.Config c = new TextImageHeadTrainer.Config(method, 300, 32, 0.01f, 0.2f, 16, 1);
        TextImageHeadTrainer.Result r;
        try (NDManager m = Torch.newManager(1)) {
            r = TextImageHeadTrainer.train(m, new TextImageHeadTrainer.Pairs(images, texts, pairs,
                    IntStream.range(0, CLASSES).toArray()), c, "test", "visual", "m@1", "semantic", Progress.NONE);
        }
        assertTrue(r.losses().tail(0.1) < 0.7 * r.losses().head(0.1), r.losses().head(0.1) + " -> "
                + r.losses().tail(0.1));
        TextImageHead head = TextImageHead.of(r.file());
        assertEquals(method, head.method());
        assertEquals("visual", head.imageSpace());
        int right = 0;
        int trials = 200;
        for (int i = 0; i < trials; i++) {
            int cls = i % CLASSES;
            float[] image = noisy(centres[cls], rnd);
            int best = 0;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int t = 0; t < CLASSES; t++) {
                float s = head.score(head.query(texts[t]), image);
                if (s > bestScore) {
                    bestScore = s;
                    best = t;
                }
            }
            right += best == cls ? 1 : 0;
        }
        return right / (double) trials;
    }

    @Test
    void deviseLearnsToPlaceImagesNearTheirLabelsText() {
        double a = accuracy(TextImageHead.DEVISE);
        assertTrue(a > 0.9, "accuracy " + a + " (chance " + 1.0 / CLASSES + ")");
    }

    @Test
    void vseLearnsAJointSpaceWithTheHingeRankingLoss() {
        double a = accuracy(TextImageHead.VSE);
        assertTrue(a > 0.9, "accuracy " + a + " (chance " + 1.0 / CLASSES + ")");
    }
}
