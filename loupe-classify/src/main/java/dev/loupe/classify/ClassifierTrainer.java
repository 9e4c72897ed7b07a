package dev.loupe.classify;

import org.apache.lucene.util.VectorUtil;
import smile.base.svm.KernelMachine;
import smile.base.svm.LASVM;
import smile.clustering.KMeans;
import smile.math.MathEx;
import smile.math.kernel.MercerKernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the in-memory classifiers: {@link KnnClassifier}, {@link KMeansClassifier} (Smile's k-means, Lloyd's
 * algorithm with k-means++ seeding) and the one-vs-rest {@link SvmClassifier} (Smile's LASVM solver).
 */
public final class ClassifierTrainer {
    /**
     * @param k             kNN: neighbours that vote
     * @param clusters      k-means: number of clusters, 0 = ten per label (at most a fifth of the points)
     * @param kmeansSample  k-means: fit the centroids on at most this many points (all are then assigned)
     * @param c             SVM: soft-margin penalty
     * @param sigma         RBF SVM: kernel width, 0 = the median distance between examples
     * @param plattFolds    SVM: fit Platt scaling on out-of-fold decision values of this many folds; 0 or 1 fits
     *                      it on the training decision values (cheaper, over-confident)
     * @param maxIterations k-means: iteration limit
     * @param seed          seeds k-means++ and fold assignment, for reproducible runs
     * @param threads       SVM: labels trained in parallel
     */
    public record Options(int k, int clusters, int kmeansSample, double c, double sigma, int plattFolds,
                          int maxIterations, long seed, int threads) {
        public Options {
            if (k < 1 || clusters < 0 || kmeansSample < 2 || !(c > 0) || sigma < 0 || plattFolds < 0
                    || maxIterations < 1 || threads < 1) {
                throw new IllegalArgumentException("bad classifier options: " + this);
            }
        }

        public static Options defaults() {
            return new Options(10, 0, 20_000, 10, 0, 3, 50, 42, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Options withK(int newK) {
            return new Options(newK, clusters, kmeansSample, c, sigma, plattFolds, maxIterations, seed, threads);
        }

        public Options withClusters(int n) {
            return new Options(k, n, kmeansSample, c, sigma, plattFolds, maxIterations, seed, threads);
        }

        public Options withSvm(double newC, double newSigma, int folds) {
            return new Options(k, clusters, kmeansSample, newC, newSigma, folds, maxIterations, seed, threads);
        }

        public Options withThreads(int n) {
            return new Options(k, clusters, kmeansSample, c, sigma, plattFolds, maxIterations, seed, n);
        }
    }

    private final Options options;

    public ClassifierTrainer(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /**
     * Trains {@code method} on {@code set}. {@code unlabelled} (may be empty) are more feature vectors of the same
     * kind without labels: k-means clusters them together with the labelled ones; the other methods ignore them.
     */
    public Classifier train(ClassifierMethod method, TrainingSet set, float[][] unlabelled) {
        return switch (method) {
            case KNN -> new KnnClassifier(set, options.k());
            case KMEANS -> kmeans(set, unlabelled);
            case SVM_LINEAR -> svm(set, false);
            case SVM_RBF -> svm(set, true);
        };
    }

    /** The number of clusters k-means uses for {@code points} points and {@code labels} labels. */
    public int clusters(int points, int labels) {
        int k = options.clusters() > 0 ? options.clusters() : Math.min(10 * labels, Math.max(labels, points / 5));
        return Math.max(1, Math.min(k, points));
    }

    private KMeansClassifier kmeans(TrainingSet set, float[][] unlabelled) {
        int n = set.size() + unlabelled.length;
        int[] target = new int[n];
        float[][] all = new float[n][];
        for (int i = 0; i < set.size(); i++) {
            all[i] = set.features()[i];
            target[i] = set.targets()[i];
        }
        for (int i = 0; i < unlabelled.length; i++) {
            all[set.size() + i] = unlabelled[i];
            target[set.size() + i] = -1;
        }
        return label(centroids(all, set.size(), set.labels().size()), all, target, set.labels());
    }

    /**
     * k-means centroids of {@code points}, fitted on a sample of at most {@link Options#kmeansSample()} points that
     * always holds the first {@code keep} (the labelled ones).
     */
    public float[][] centroids(float[][] points, int keep, int labelCount) {
        int[] sample = sample(points.length, keep, options.kmeansSample(), new Random(options.seed()));
        double[][] data = new double[sample.length][];
        for (int i = 0; i < sample.length; i++) {
            data[i] = SvmClassifier.toDouble(points[sample[i]]);
        }
        MathEx.setSeed(options.seed());
        KMeans km = KMeans.lloyd(data, clusters(sample.length, labelCount), options.maxIterations(), 1e-4);
        float[][] centroids = new float[km.centroids.length][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = toFloat(km.centroids[c]);
        }
        return centroids;
    }

    /**
     * Labels clusters: every point goes to its nearest centroid and each cluster gets the label distribution of
     * its labelled points ({@code target[i]} = label index, or -1 for an unlabelled point).
     */
    public static KMeansClassifier label(float[][] centroids, float[][] points, int[] target, List<String> labels) {
        KMeansClassifier nearest = new KMeansClassifier(centroids, new float[centroids.length][labels.size()], labels);
        int[] cluster = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            cluster[i] = nearest.cluster(points[i]);
        }
        return new KMeansClassifier(centroids, KMeansClassifier.distributions(centroids, cluster, target, labels.size()),
                labels);
    }

    /** Positions 0..n-1: all of the first {@code keep}, then a random choice of the rest up to {@code max}. */
    static int[] sample(int n, int keep, int max, Random random) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] rest = new int[n - keep];
        Arrays.setAll(rest, i -> keep + i);
        for (int i = rest.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rest[i];
            rest[i] = rest[j];
            rest[j] = t;
        }
        int take = Math.max(0, max - keep);
        int[] out = new int[keep + take];
        Arrays.setAll(out, i -> i < keep ? i : rest[i - keep]);
        return out;
    }

    private SvmClassifier svm(TrainingSet set, boolean rbf) {
        float[][] x = set.features();
        double sigma = rbf ? (options.sigma() > 0 ? options.sigma() : medianDistance(x, new Random(options.seed()))) : 0;
        int labels = set.labels().size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), labels), r -> {
            Thread t = new Thread(r, "loupe-svm");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SvmMachine>> machines = new ArrayList<>();
            List<Future<Platt>> heldOut = new ArrayList<>();
            List<int[]> ys = new ArrayList<>();
            boolean folds = options.plattFolds() >= 2 && x.length >= 2 * options.plattFolds();
            for (int l = 0; l < labels; l++) {
                int[] y = plusMinus(set.targets(), l);
                ys.add(y);
                machines.add(pool.submit(() -> machine(x, y, sigma)));
                heldOut.add(folds ? pool.submit(() -> platt(x, y, sigma)) : null);
            }
            List<SvmMachine> m = new ArrayList<>();
            List<Platt> p = new ArrayList<>();
            for (int l = 0; l < labels; l++) {
                m.add(machines.get(l).get());
                p.add(folds ? heldOut.get(l).get() : onTraining(m.get(l), x, ys.get(l)));
            }
            return new SvmClassifier(m, p, set.labels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SVM training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SVM training failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private SvmMachine machine(float[][] x, int[] y, double sigma) {
        MercerKernel<float[]> kernel = sigma > 0 ? new FloatKernels.Gaussian(sigma) : new FloatKernels.Linear();
        KernelMachine<float[]> km = new LASVM<>(kernel, options.c(), 1e-3).fit(x, y);
        return sigma > 0 ? SvmMachine.Rbf.of(sigma, km) : SvmMachine.Linear.of(km, x[0].length);
    }

    /** Platt scaling fitted on the machine's decision values for its own training examples (over-confident). */
    private static Platt onTraining(SvmMachine m, float[][] x, int[] y) {
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = m.score(x[i]);
        }
        return Platt.fit(scores, y);
    }

    /** Platt scaling fitted on out-of-fold decision values. */
    private Platt platt(float[][] x, int[] y, double sigma) {
        int folds = options.plattFolds();
        double[] scores = new double[x.length];
        int[] fold = new int[x.length];
        Random r = new Random(options.seed());
        for (int i = 0; i < fold.length; i++) {
            fold[i] = r.nextInt(folds);
        }
        for (int f = 0; f < folds; f++) {
            List<float[]> tx = new ArrayList<>();
            List<Integer> ty = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (fold[i] != f) {
                    tx.add(x[i]);
                    ty.add(y[i]);
                }
            }
            if (ty.stream().distinct().count() < 2) {
                return onTraining(machine(x, y, sigma), x, y); // a fold without one side: use training scores
            }
            SvmMachine m = machine(tx.toArray(float[][]::new), ty.stream().mapToInt(Integer::intValue).toArray(), sigma);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == f) {
                    scores[i] = m.score(x[i]);
                }
            }
        }
        return Platt.fit(scores, y);
    }

    private static int[] plusMinus(int[] targets, int label) {
        int[] y = new int[targets.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = targets[i] == label ? 1 : -1;
        }
        return y;
    }

    /** The median Euclidean distance between random pairs of examples: a standard width for the RBF kernel. */
    static double medianDistance(float[][] x, Random random) {
        int pairs = Math.min(2000, x.length * (x.length - 1) / 2);
        double[] d = new double[Math.max(1, pairs)];
        for (int p = 0; p < pairs; p++) {
            int i = random.nextInt(x.length);
            int j = random.nextInt(x.length - 1);
            if (j >= i) {
                j++;
            }
            d[p] = Math.sqrt(VectorUtil.squareDistance(x[i], x[j]));
        }
        Arrays.sort(d);
        double m = d[d.length / 2];
        return m > 0 ? m : 1;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
