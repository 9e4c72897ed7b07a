package dev.loupe.lab.classify;

import dev.loupe.classify.BuiltinFeatures;
import dev.loupe.classify.FeatureKind;
import dev.loupe.classify.KnnClassifier;
import dev.loupe.classify.TrainingSet;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.store.ProgressListener;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which rendering of Fashion-MNIST suits the builtin model better: the dataset's white garment on black, or
 * inverted (dark on white, like a catalogue photo)? Embeds the first N training and M test images both ways
 * (cached like the full evaluation) and prints the 10-NN test accuracy per feature kind.
 * Run: {@code java -cp <test classpath> dev.loupe.lab.classify.RenderProbe DATA_DIR CACHE_DIR [N M]}.
 */
public final class RenderProbe {
    private RenderProbe() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int m = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        FashionMnist train = FashionMnist.read(data, true);
        FashionMnist test = FashionMnist.read(data, false);
        try (Model model = new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv)
                .open(ModelLoader.BUILTIN, 2, ProgressListener.NONE)) {
            System.out.printf("%-9s %-9s %s%n", "render", "features", "10-NN accuracy (" + n + " train, " + m + " test)");
            for (boolean invert : new boolean[] {false, true}) {
                DatasetEmbedder e = new DatasetEmbedder(model, cache, invert, 32);
                long t0 = System.nanoTime();
                Map<String, float[][]> tr = e.embed(train, n, i -> { });
                Map<String, float[][]> te = e.embed(test, m, i -> { });
                System.out.printf("(embedding took %.1f s)%n", (System.nanoTime() - t0) / 1e9);
                for (FeatureKind k : FeatureKind.values()) {
                    BuiltinFeatures f = BuiltinFeatures.of(k, model.info());
                    TrainingSet set = new TrainingSet(features(f, tr, n), prefix(train.labels(), n), FashionMnist.CLASSES);
                    KnnClassifier knn = new KnnClassifier(set, 10);
                    float[][] q = features(f, te, m);
                    int ok = 0;
                    for (int i = 0; i < m; i++) {
                        ok += knn.predictIndex(q[i]) == test.labels()[i] ? 1 : 0;
                    }
                    System.out.printf("%-9s %-9s %.4f%n", invert ? "inverted" : "original", k.cliName(), (double) ok / m);
                }
            }
        }
    }

    static float[][] features(BuiltinFeatures f, Map<String, float[][]> bySpace, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            Map<String, float[]> v = new HashMap<>();
            for (var e : bySpace.entrySet()) {
                v.put(e.getKey(), e.getValue()[i]);
            }
            out[i] = f.extract(new ImageVectors(v));
        }
        return out;
    }

    static int[] prefix(int[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }
}
