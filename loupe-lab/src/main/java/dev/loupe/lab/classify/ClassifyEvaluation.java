package dev.loupe.lab.classify;

import dev.loupe.classify.Classifier;
import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.FeatureExtractor;
import dev.loupe.classify.KnnClassifier;
import dev.loupe.classify.Progress;
import dev.loupe.classify.TrainingSet;
import dev.loupe.core.ImageVectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The classification benchmark: for each feature kind and method, train on the labelled training images (all of
 * them, or a few per class) and measure accuracy on the test images. k-means clusters all training images once per
 * feature kind (labels unused) and then labels the clusters from whichever images are labelled, which is how it
 * uses unlabelled images in the few-label runs. The SVMs train on at most {@link Options#svmMaxTrain} images (a
 * stratified sample) because the LASVM solver's cost grows with the square of the training set.
 */
public final class ClassifyEvaluation {
    /**
     * @param features    feature extractors to compare
     * @param methods     classifier methods to compare
     * @param fewLabels   labelled images per class for the few-label runs (the full run always happens)
     * @param svmMaxTrain most training images an SVM is trained on
     * @param threshold   confidence threshold for the coverage columns
     * @param threads     threads for testing (and SVM training, via the trainer options)
     * @param trainer     classifier options (k, clusters, C, sigma, Platt folds, seed)
     */
    public record Options(List<FeatureExtractor> features, List<ClassifierMethod> methods, List<Integer> fewLabels,
                          int svmMaxTrain, float threshold, int threads, ClassifierTrainer.Options trainer) {
        public Options {
            features = List.copyOf(features);
            methods = List.copyOf(methods);
            fewLabels = List.copyOf(fewLabels);
        }
    }

    /** Embedded images of both splits: vectors by space, and class indices into {@code classes}. */
    public record Data(Map<String, float[][]> train, int[] trainLabels, Map<String, float[][]> test, int[] testLabels,
                       List<String> classes) {
    }

    private final Options options;
    private final ClassifierTrainer trainer;

    public ClassifyEvaluation(Options options) {
        this.options = options;
        this.trainer = new ClassifierTrainer(options.trainer());
    }

    /** Runs every cell, handing each result to {@code onRun} as soon as it is measured. */
    public List<EvalRun> run(Data data, Consumer<EvalRun> onRun, Progress progress) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(0);
        sizes.addAll(options.fewLabels());
        progress.started("Evaluating", (long) options.features().size() * options.methods().size() * sizes.size());
        List<EvalRun> runs = new ArrayList<>();
        for (FeatureExtractor f : options.features()) {
            float[][] train = extract(f, data.train(), data.trainLabels().length);
            float[][] test = extract(f, data.test(), data.testLabels().length);
            float[][] centroids = null;
            for (int perClass : sizes) {
                int[] labelled = perClass == 0 ? all(data.trainLabels().length)
                        : stratified(data.trainLabels(), data.classes().size(), perClass, options.trainer().seed());
                for (ClassifierMethod m : options.methods()) {
                    long t0 = System.nanoTime();
                    int[] used = labelled;
                    Classifier c;
                    if (m == ClassifierMethod.KMEANS) {
                        if (centroids == null) {
                            centroids = trainer.centroids(train, 0, data.classes().size());
                        }
                        int[] target = new int[train.length];
                        java.util.Arrays.fill(target, -1);
                        for (int i : labelled) {
                            target[i] = data.trainLabels()[i];
                        }
                        c = ClassifierTrainer.label(centroids, train, target, data.classes());
                    } else {
                        if ((m == ClassifierMethod.SVM_LINEAR || m == ClassifierMethod.SVM_RBF)
                                && labelled.length > options.svmMaxTrain()) {
                            used = stratified(data.trainLabels(), data.classes().size(),
                                    options.svmMaxTrain() / data.classes().size(), options.trainer().seed());
                        }
                        TrainingSet set = subset(train, data.trainLabels(), used, data.classes());
                        c = m == ClassifierMethod.KNN ? new KnnClassifier(set, options.trainer().k())
                                : trainer.train(m, set, new float[0][]);
                    }
                    EvalRun run = test(f.name(), m, perClass, used.length, c, test, data.testLabels(), t0);
                    runs.add(run);
                    onRun.accept(run);
                    progress.advanced(1);
                }
            }
        }
        progress.finished();
        return runs;
    }

    private EvalRun test(String features, ClassifierMethod m, int perClass, int trainedOn, Classifier c, float[][] test,
                         int[] truth, long t0) {
        int n = c.labels().size();
        AtomicIntegerArray confusion = new AtomicIntegerArray(n * n);
        AtomicIntegerArray covered = new AtomicIntegerArray(2); // [covered, covered and right]
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, options.threads()));
        try {
            int chunk = 256;
            pool.submit(() -> IntStream.range(0, (test.length + chunk - 1) / chunk).parallel().forEach(ch -> {
                int from = ch * chunk;
                int to = Math.min(test.length, from + chunk);
                float[][] scores = c.scoresAll(java.util.Arrays.copyOfRange(test, from, to));
                for (int i = from; i < to; i++) {
                    float[] s = scores[i - from];
                    int best = 0;
                    for (int l = 1; l < s.length; l++) {
                        if (s[l] > s[best]) {
                            best = l;
                        }
                    }
                    confusion.incrementAndGet(truth[i] * n + best);
                    if (s[best] >= options.threshold()) {
                        covered.incrementAndGet(0);
                        if (best == truth[i]) {
                            covered.incrementAndGet(1);
                        }
                    }
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int[][] matrix = new int[n][n];
        int right = 0;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                matrix[t][p] = confusion.get(t * n + p);
            }
            right += matrix[t][t];
        }
        double coverage = (double) covered.get(0) / test.length;
        double accCovered = covered.get(0) == 0 ? 0 : (double) covered.get(1) / covered.get(0);
        return new EvalRun(features, m.cliName(), perClass, trainedOn, (double) right / test.length, coverage,
                accCovered, (System.nanoTime() - t0) / 1e9, matrix);
    }

    static float[][] extract(FeatureExtractor f, Map<String, float[][]> bySpace, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            Map<String, float[]> v = new HashMap<>();
            for (String space : f.spaces()) {
                v.put(space, bySpace.get(space)[i]);
            }
            out[i] = f.extract(new ImageVectors(v));
        }
        return out;
    }

    static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** {@code perClass} random positions of each class (fewer if a class has fewer), reproducible by seed. */
    static int[] stratified(int[] labels, int classes, int perClass, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random r = new Random(seed * 31 + perClass);
        List<Integer> out = new ArrayList<>();
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, r);
            out.addAll(members.subList(0, Math.min(perClass, members.size())));
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    static TrainingSet subset(float[][] x, int[] y, int[] positions, List<String> classes) {
        float[][] f = new float[positions.length][];
        int[] t = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            f[i] = x[positions[i]];
            t[i] = y[positions[i]];
        }
        return new TrainingSet(f, t, classes);
    }
}
