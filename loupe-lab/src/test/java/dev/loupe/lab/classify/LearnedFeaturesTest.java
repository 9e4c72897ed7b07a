package dev.loupe.lab.classify;

import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.FeatureExtractor;
import dev.loupe.classify.FusedFeatures;
import dev.loupe.classify.Progress;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.datasets.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnedFeaturesTest {
    /** Three classes of noisy images, each brighter in its own band of rows. */
    static FashionMnist split(String name, int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = r.nextInt(160) + (row / 10 == y[i] ? 60 : 0);
                px[i * 784 + p] = (byte) v;
            }
        }
        return new FashionMnist(name, 28, 28, px, y);
    }

    /** A learner whose encoder scores an image against the mean image of each class of its training images. */
    static final class MeanImageLearner implements FeatureLearner {
        final AtomicInteger fits = new AtomicInteger();

        @Override
        public String space() {
            return "learned";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String fingerprint() {
            return "mean-image v1";
        }

        @Override
        public Encoder fit(FashionMnist train, int count, Progress progress) {
            fits.incrementAndGet();
            double[][] mean = new double[3][784];
            int[] n = new int[3];
            for (int i = 0; i < count; i++) {
                n[train.labels()[i]]++;
                for (int p = 0; p < 784; p++) {
                    mean[train.labels()[i]][p] += train.pixels()[i * 784 + p] & 0xff;
                }
            }
            return new Encoder() {
                @Override
                public float[][] encode(FashionMnist split, int k) {
                    float[][] out = new float[k][3];
                    for (int i = 0; i < k; i++) {
                        for (int c = 0; c < 3; c++) {
                            double s = 0;
                            for (int p = 0; p < 784; p++) {
                                s += (mean[c][p] / n[c] - 100) * ((split.pixels()[i * 784 + p] & 0xff) - 100);
                            }
                            out[i][c] = (float) Math.exp(s / 2e5);
                        }
                    }
                    return out;
                }

                @Override
                public void save(Path file) {
                    try {
                        Files.writeString(file, "weights");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public double seconds() {
                    return 1.5;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void trainsOnceThenReadsTheCacheAndTheLearnedKindsClassify(@TempDir Path dir) {
        FashionMnist train = split("train", 300, 1);
        FashionMnist test = split("test", 90, 2);
        MeanImageLearner learner = new MeanImageLearner();
        LearnedFeatures lf = new LearnedFeatures(learner, dir);
        LearnedFeatures.Result first = lf.vectors(train, 240, test, 90, Progress.NONE);
        assertFalse(first.cached());
        assertEquals(1.5, first.trainSeconds());
        assertTrue(Files.isRegularFile(first.weights()));
        assertEquals(240, first.train().get("learned").length);
        LearnedFeatures.Result again = lf.vectors(train, 240, test, 60, Progress.NONE);
        assertTrue(again.cached());
        assertEquals(1, learner.fits.get(), "the second run reads the cache");
        assertArrayEquals(first.test().get("learned")[59], again.test().get("learned")[59]);
        lf.vectors(train, 120, test, 90, Progress.NONE);
        assertEquals(2, learner.fits.get(), "other training images, other encoder");

        Map<String, float[][]> trainV = new LinkedHashMap<>(ClassifyEvaluationTest.vectors(
                java.util.Arrays.copyOf(train.labels(), 240), 3));
        Map<String, float[][]> testV = new LinkedHashMap<>(ClassifyEvaluationTest.vectors(test.labels(), 4));
        trainV.putAll(first.train());
        testV.putAll(first.test());
        List<FeatureExtractor> kinds = FusedFeatures.learnedKinds(new Space("learned", 3), new Space(Space.VISUAL, 16),
                new Space(Space.SEMANTIC, 8));
        var data = new ClassifyEvaluation.Data(trainV, java.util.Arrays.copyOf(train.labels(), 240), testV,
                test.labels(), List.of("a", "b", "c"));
        var options = new ClassifyEvaluation.Options(kinds, List.of(ClassifierMethod.KNN), List.of(), 60, 0.5f, 1,
                ClassifierTrainer.Options.defaults().withThreads(1));
        List<EvalRun> runs = new ClassifyEvaluation(options).run(data, r -> { }, Progress.NONE);
        assertEquals(List.of("learned", "learned+visual", "learned+semantic", "learned+concat"),
                runs.stream().map(EvalRun::features).toList());
        assertTrue(runs.get(0).accuracy() > 0.9, runs.get(0).toString());
    }

    @Test
    void fusedFeaturesWeighEachSpaceEquallyAndAreUnitLength() {
        FusedFeatures f = new FusedFeatures("learned+visual", List.of(new Space("learned", 2), new Space(Space.VISUAL, 3)));
        float[] v = f.extract(new ImageVectors(Map.of("learned", new float[] {3, 4}, Space.VISUAL, new float[] {0, 0, 9})));
        float h = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {0.6f * h, 0.8f * h, 0, 0, h}, v, 1e-6f);
        assertEquals(List.of("learned", Space.VISUAL), f.spaces());
        assertThrows(IllegalArgumentException.class, () -> f.extract(new ImageVectors(Map.of("learned",
                new float[] {1, 2, 3}, Space.VISUAL, new float[] {0, 0, 9}))));
    }
}
