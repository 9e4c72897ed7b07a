package dev.loupe.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifiersTest {
    static final TrainingSet TRAIN = SyntheticData.make(40, 4, 32, 1.6f, 1);
    static final TrainingSet TEST = SyntheticData.make(25, 4, 32, 1.6f, 2);
    static final ClassifierTrainer TRAINER = new ClassifierTrainer(ClassifierTrainer.Options.defaults().withThreads(2));

    @ParameterizedTest
    @EnumSource(ClassifierMethod.class)
    void everyMethodBeatsChanceByFarAndGivesCalibratedScores(ClassifierMethod method) {
        float[][] unlabelled = SyntheticData.make(50, 4, 32, 1.6f, 3).features();
        Classifier c = TRAINER.train(method, TRAIN, unlabelled);
        double acc = SyntheticData.accuracy(c, TEST);
        assertTrue(acc > 0.8, method + " accuracy " + acc + " (chance 0.25)");
        float[][] batch = c.scoresAll(TEST.features());
        for (int i = 0; i < TEST.size(); i++) {
            assertArrayEquals(c.scores(TEST.features()[i]), batch[i], 1e-5f, method + ": batched scores differ");
        }
        for (float[] x : TEST.features()) {
            float[] s = c.scores(x);
            float sum = 0;
            for (float v : s) {
                assertTrue(v >= 0 && v <= 1, method + " score " + v);
                sum += v;
            }
            assertEquals(1f, sum, 1e-3, method + " scores sum");
        }
    }

    @ParameterizedTest
    @EnumSource(ClassifierMethod.class)
    void savedClassifierPredictsTheSame(ClassifierMethod method, @TempDir Path dir) throws Exception {
        Classifier c = TRAINER.train(method, TRAIN, new float[0][]);
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        TRAIN.labels().forEach(l -> perLabel.put(l, 40));
        TrainedClassifier t = new TrainedClassifier(new TrainedClassifier.Metadata(method.cliName(), "visual", 32,
                "m@1", TRAIN.labels(), perLabel, Map.of("k", "10"), "2026-01-01T00:00:00Z"), c,
                Map.of("0123456789abcdef", "class1"));
        Path file = dir.resolve(ClassifierFile.NAME);
        ClassifierFile.save(file, t);
        TrainedClassifier back = ClassifierFile.load(file);
        assertEquals(t.metadata(), back.metadata());
        assertEquals(t.examples(), back.examples());
        for (float[] x : TEST.features()) {
            assertArrayEquals(c.scores(x), back.classifier().scores(x), 1e-5f);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        var e = assertThrows(IllegalStateException.class, () -> ClassifierFile.load(file));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void knnConfidenceIsTheVoteShare() {
        // three examples of a, two of b on a line; k=5 sees all: a gets 3/5
        float[][] x = {{1, 0}, {0.99f, 0.14f}, {0.98f, 0.2f}, {0, 1}, {0.1f, 0.99f}};
        for (int i = 0; i < x.length; i++) {
            x[i] = dev.loupe.core.Vectors.normalize(x[i]);
        }
        KnnClassifier knn = new KnnClassifier(new TrainingSet(x, new int[] {0, 0, 0, 1, 1}, List.of("a", "b")), 5);
        Prediction p = knn.predict(new float[] {1, 0});
        assertEquals("a", p.label());
        assertEquals(0.6f, p.confidence(), 1e-6);
        assertTrue(p.sure(0.6f));
        assertTrue(!p.sure(0.61f), "under the threshold the image is unsure");
        // a 2-2 tie is broken by similarity, and the winner's share stays exactly one half
        KnnClassifier four = new KnnClassifier(new TrainingSet(java.util.Arrays.copyOfRange(x, 1, 5),
                new int[] {0, 0, 1, 1}, List.of("a", "b")), 4);
        Prediction tie = four.predict(dev.loupe.core.Vectors.normalize(new float[] {0.2f, 1}));
        assertEquals("b", tie.label());
        assertEquals(0.5f, tie.confidence());
    }

    @Test
    void kmeansClusterWithOneLabelledMemberIsNotFullySure() {
        float[][] d = KMeansClassifier.distributions(new float[][] {{0, 0}, {1, 1}, {5, 5}},
                new int[] {0, 0, 0, 1, 2}, new int[] {0, 0, 0, 1, -1}, 2);
        assertEquals((3 + 0.5f) / 4, d[0][0], 1e-6, "three of a: smoothed share");
        assertEquals((1 + 0.5f) / 2, d[1][1], 1e-6, "one labelled member: 0.75, not 1");
        assertArrayEquals(d[1], d[2], "a cluster without labelled members takes the nearest labelled cluster's");
    }
}
