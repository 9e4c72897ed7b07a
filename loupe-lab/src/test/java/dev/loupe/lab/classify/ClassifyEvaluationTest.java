package dev.loupe.lab.classify;

import dev.loupe.classify.BuiltinFeatures;
import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.FeatureKind;
import dev.loupe.classify.Progress;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyEvaluationTest {
    /** Two spaces: the "visual" one separates the classes, the "semantic" one is noise. */
    static Map<String, float[][]> vectors(int[] labels, long seed) {
        Random r = new Random(seed);
        Random centres = new Random(5);
        float[][] c = new float[3][16];
        for (float[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) centres.nextGaussian();
            }
        }
        float[][] vis = new float[labels.length][];
        float[][] sem = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            float[] v = new float[16];
            float[] s = new float[8];
            for (int j = 0; j < 16; j++) {
                v[j] = c[labels[i]][j] + 0.8f * (float) r.nextGaussian();
            }
            for (int j = 0; j < 8; j++) {
                s[j] = (float) r.nextGaussian();
            }
            vis[i] = Vectors.normalize(v);
            sem[i] = Vectors.normalize(s);
        }
        return Map.of(Space.VISUAL, vis, Space.SEMANTIC, sem);
    }

    static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    @Test
    void everyCellIsMeasuredAndTheReportHasATableAndAConfusionPng(@TempDir Path dir) throws Exception {
        int[] trainY = labels(300);
        int[] testY = labels(90);
        var data = new ClassifyEvaluation.Data(vectors(trainY, 1), trainY, vectors(testY, 2), testY, List.of("a", "b", "c"));
        List<dev.loupe.classify.FeatureExtractor> features = List.of(new BuiltinFeatures(FeatureKind.VISUAL, 16, 8),
                new BuiltinFeatures(FeatureKind.SEMANTIC, 16, 8));
        var options = new ClassifyEvaluation.Options(features, List.of(ClassifierMethod.values()), List.of(5), 60, 0.5f, 2,
                ClassifierTrainer.Options.defaults().withThreads(2).withSvm(10, 0, 0));
        List<EvalRun> seen = new ArrayList<>();
        List<EvalRun> runs = new ClassifyEvaluation(options).run(data, seen::add, Progress.NONE);
        assertEquals(2 * 4 * 2, runs.size());
        assertEquals(runs, seen);
        for (EvalRun r : runs) {
            int total = 0;
            for (int[] row : r.confusion()) {
                for (int v : row) {
                    total += v;
                }
            }
            assertEquals(90, total);
            if (r.features().equals("visual") && r.labelsPerClass() == 0) {
                assertTrue(r.accuracy() > 0.8, r.toString());
            }
            if (r.features().equals("semantic") && r.labelsPerClass() == 0) {
                assertTrue(r.accuracy() < 0.6, "noise features stay near chance: " + r);
            }
            if (r.method().startsWith("svm") && r.labelsPerClass() == 0) {
                assertEquals(60, r.trainedOn(), "SVMs train on at most svmMaxTrain images");
            }
        }
        EvalReport.write(dir, "test", "loupe-lab eval classify --test", List.of("a", "b", "c"), runs, 0.5f);
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| visual | knn | all | 300 |"), md);
        assertTrue(md.contains("loupe-lab eval classify --test"));
        BufferedImage png = ImageIO.read(dir.resolve("confusion.png").toFile());
        assertTrue(png.getWidth() > 200 && png.getHeight() > 200);
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"confusion\""));
    }

    @Test
    void stratifiedSamplesTakeTheSameNumberFromEachClass() {
        int[] y = labels(300);
        int[] s = ClassifyEvaluation.stratified(y, 3, 7, 1);
        assertEquals(21, s.length);
        int[] per = new int[3];
        for (int i : s) {
            per[y[i]]++;
        }
        assertEquals(List.of(7, 7, 7), List.of(per[0], per[1], per[2]));
        assertEquals(java.util.Arrays.toString(s), java.util.Arrays.toString(ClassifyEvaluation.stratified(y, 3, 7, 1)));
    }
}
