package dev.loupe.lab.classify;

import dev.loupe.classify.BuiltinFeatures;
import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.FeatureExtractor;
import dev.loupe.classify.FeatureKind;
import dev.loupe.classify.Progress;
import dev.loupe.core.ModelInfo;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.builtin.BuiltinRecipe;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses hyperparameters without touching the test split: trains on the first N cached training embeddings and
 * validates on the next M. Run: {@code java -cp <test classpath> dev.loupe.lab.classify.TuneOnTrain DATA CACHE N M}.
 */
public final class TuneOnTrain {
    private TuneOnTrain() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        FashionMnist train = FashionMnist.read(data, true);
        ModelInfo info = BuiltinModel.infoFor(BuiltinRecipe.DEFAULT);
        String key = "fashion-mnist train n=" + train.size() + " model=" + info.fingerprint() + " render=256/224 inverted";
        Path file = cache.resolve("fashion-mnist-train-" + info.fingerprint().replaceAll("[^A-Za-z0-9._-]", "_") + "-inverted.f32");
        Map<String, float[][]> all = EmbeddingFile.open(file, key, info.spaces(), train.size()).read(n + m);
        Map<String, float[][]> tr = new LinkedHashMap<>();
        Map<String, float[][]> va = new LinkedHashMap<>();
        all.forEach((s, rows) -> {
            tr.put(s, Arrays.copyOfRange(rows, 0, n));
            va.put(s, Arrays.copyOfRange(rows, n, n + m));
        });
        var d = new ClassifyEvaluation.Data(tr, Arrays.copyOfRange(train.labels(), 0, n), va,
                Arrays.copyOfRange(train.labels(), n, n + m), FashionMnist.CLASSES);
        List<FeatureExtractor> fs = List.of(BuiltinFeatures.of(FeatureKind.VISUAL, info), BuiltinFeatures.of(FeatureKind.CONCAT, info));
        String what = args.length > 4 ? args[4] : "all";
        for (FeatureExtractor f : fs) {
            if (what.equals("all") || what.equals("knn")) {
                for (int k : new int[] {5, 10, 20}) {
                    report("k=" + k, d, f, ClassifierMethod.KNN, ClassifierTrainer.Options.defaults().withK(k).withThreads(2));
                }
                for (int c : new int[] {100, 300}) {
                    report("clusters=" + c, d, f, ClassifierMethod.KMEANS, ClassifierTrainer.Options.defaults().withClusters(c).withThreads(2));
                }
            }
            if ((what.equals("all") || what.equals("svm")) && f.name().equals("concat")) {
                for (double c : new double[] {1, 10}) {
                    report("C=" + c, d, f, ClassifierMethod.SVM_LINEAR, ClassifierTrainer.Options.defaults().withSvm(c, 0, 0).withThreads(2));
                }
                report("C=10 sigma=median", d, f, ClassifierMethod.SVM_RBF,
                        ClassifierTrainer.Options.defaults().withSvm(10, 0, 0).withThreads(2));
                report("C=10 sigma=median/2", d, f, ClassifierMethod.SVM_RBF,
                        ClassifierTrainer.Options.defaults().withSvm(10, medianHalf(d, f), 0).withThreads(2));
            }
        }
    }

    private static double medianHalf(ClassifyEvaluation.Data d, FeatureExtractor f) {
        float[][] x = ClassifyEvaluation.extract(f, d.train(), Math.min(2000, d.trainLabels().length));
        double[] dist = new double[2000];
        java.util.Random r = new java.util.Random(1);
        for (int p = 0; p < dist.length; p++) {
            dist[p] = Math.sqrt(org.apache.lucene.util.VectorUtil.squareDistance(x[r.nextInt(x.length)], x[r.nextInt(x.length)]));
        }
        Arrays.sort(dist);
        return dist[dist.length / 2] / 2;
    }

    private static void report(String what, ClassifyEvaluation.Data d, FeatureExtractor f, ClassifierMethod m,
                               ClassifierTrainer.Options o) {
        var e = new ClassifyEvaluation(new ClassifyEvaluation.Options(List.of(f), List.of(m), List.of(), 100_000, 0.5f, 2, o));
        EvalRun r = e.run(d, x -> { }, Progress.NONE).get(0);
        System.out.printf("%-8s %-10s %-24s validation accuracy %.4f (%.0f s)%n", f.name(), m.cliName(), what, r.accuracy(), r.seconds());
    }
}
