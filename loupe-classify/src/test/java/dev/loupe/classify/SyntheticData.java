package dev.loupe.classify;

import dev.loupe.core.Vectors;

import java.util.List;
import java.util.Random;

/** Unit feature vectors around a few random class centres, overlapping a little. */
final class SyntheticData {
    private SyntheticData() {
    }

    static TrainingSet make(int perClass, int classes, int dim, float noise, long seed) {
        Random centreRandom = new Random(99);
        float[][] centres = new float[classes][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) centreRandom.nextGaussian();
            }
        }
        Random r = new Random(seed);
        float[][] x = new float[perClass * classes][];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % classes;
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = centres[y[i]][j] + noise * (float) r.nextGaussian();
            }
            x[i] = Vectors.normalize(v);
        }
        List<String> labels = java.util.stream.IntStream.range(0, classes).mapToObj(i -> "class" + i).toList();
        return new TrainingSet(x, y, labels);
    }

    static double accuracy(Classifier c, TrainingSet test) {
        int ok = 0;
        for (int i = 0; i < test.size(); i++) {
            ok += c.predict(test.features()[i]).label().equals(test.labels().get(test.targets()[i])) ? 1 : 0;
        }
        return (double) ok / test.size();
    }
}
