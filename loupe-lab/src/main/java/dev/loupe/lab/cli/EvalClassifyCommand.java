package dev.loupe.lab.cli;

import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.cli.Bars;
import dev.loupe.classify.FeatureExtractor;
import dev.loupe.classify.FeatureExtractors;
import dev.loupe.classify.FusedFeatures;
import dev.loupe.core.Model;
import dev.loupe.core.Space;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.lab.classify.ClassifyEvaluation;
import dev.loupe.lab.classify.DatasetEmbedder;
import dev.loupe.lab.classify.EvalReport;
import dev.loupe.lab.classify.EvalRun;
import dev.loupe.lab.classify.FeatureLearner;
import dev.loupe.lab.classify.GarmentFeatureLearner;
import dev.loupe.lab.classify.LearnedFeatures;
import dev.loupe.models.store.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code loupe-lab eval classify}: the Fashion-MNIST classification benchmark of the builtin model's features. Embeds
 * both splits once (cached), then trains and tests every feature kind × method, on all training labels and on a
 * few per class; prints the accuracy table and writes a report folder with a confusion-matrix PNG. The learned*
 * feature kinds first train an encoder on the training images' labels through a {@link FeatureLearner}
 * (loupe-learn's garment CNN, {@link GarmentFeatureLearner}; cached with {@link LearnedFeatures}) and classify its
 * vectors, alone or concatenated with the builtin ones.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Fashion-MNIST accuracy of kNN, k-means + label assignment and SVM over the builtin model's "
                + "features; writes results.md, results.json and confusion.png into the report folder."})
public final class EvalClassifyCommand implements Callable<Integer> {
    private static final String LEARNED = "learned";

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four Fashion-MNIST *-ubyte.gz files "
            + "(default: $LOUPE_SHARED/datasets/fashion-mnist, else ../shared/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache (default: $LOUPE_HOME/cache/eval).")
    Path cache;

    @Option(names = "--report", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path report = Path.of("reports", "classify-fashion-mnist");

    @Option(names = "--train", paramLabel = "N", description = "Training images to use, from the start (default: all 60000).")
    int train = 60_000;

    @Option(names = "--test", paramLabel = "N", description = "Test images to use, from the start (default: all 10000).")
    int test = 10_000;

    @Option(names = "--features", split = ",", paramLabel = "KIND", description = "Feature kinds (default: "
            + "visual,semantic,concat); learned, learned+visual, learned+semantic and learned+concat train an encoder "
            + "on the training images' labels first (cached; no few-label runs for these).")
    List<String> features = List.of("visual", "semantic", "concat");

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Methods (default: knn,kmeans,svm-linear,svm-rbf).")
    List<String> methods = List.of("knn", "kmeans", "svm-linear", "svm-rbf");

    @Option(names = "--few-labels", split = ",", paramLabel = "N", description = "Labelled images per class for the few-label runs (default: 10,50,100).")
    List<Integer> fewLabels = List.of(10, 50, 100);

    @Option(names = "--svm-max-train", paramLabel = "N", description = "Most training images an SVM sees (default: ${DEFAULT-VALUE}).")
    int svmMaxTrain = 10_000;

    @Option(names = "-k", paramLabel = "N", description = "kNN neighbours (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--clusters", paramLabel = "N", description = "k-means clusters (default: ten per class).")
    int clusters;

    @Option(names = "--kmeans-sample", paramLabel = "N", description = "k-means fits its centroids on this many training images, then assigns all (default: ${DEFAULT-VALUE}).")
    int kmeansSample = 10_000;

    @Option(names = "--svm-c", paramLabel = "C", description = "SVM penalty (default: ${DEFAULT-VALUE}).")
    double c = 10;

    @Option(names = "--svm-sigma", paramLabel = "S", description = "RBF width (default: median distance).")
    double sigma;

    @Option(names = "--platt-folds", paramLabel = "N", description = "Folds for Platt scaling; 0 fits it on the training decision values (default: ${DEFAULT-VALUE}).")
    int plattFolds = 0;

    @Option(names = "--threshold", paramLabel = "T", description = "Confidence threshold of the coverage columns (default: ${DEFAULT-VALUE}).")
    float threshold = 0.5f;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for samples and k-means (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--learn-epochs", paramLabel = "N", description = "Epochs of the learned encoder behind the "
            + "learned* feature kinds (default: the learner's own).")
    int learnEpochs;

    @Option(names = "--json", description = "Print the results as one JSON object instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Builds the learner of the learned* feature kinds (learned, learned+visual, learned+semantic, learned+concat). */
    private final Function<FeatureLearner.Setup, FeatureLearner> learners;

    /** With loupe-learn's garment CNN as the learner. */
    public EvalClassifyCommand() {
        this(GarmentFeatureLearner::new);
    }

    EvalClassifyCommand(Function<FeatureLearner.Setup, FeatureLearner> learners) {
        this.learners = learners;
    }

    @Override
    public Integer call() {
        if (threads < 1 || svmMaxTrain < 10 || k < 1 || !(threshold >= 0 && threshold <= 1) || learnEpochs < 0) {
            throw new IllegalArgumentException("--threads, --svm-max-train and -k must be positive, --learn-epochs"
                    + " not negative and --threshold 0..1");
        }
        boolean learned = features.stream().anyMatch(f -> f.startsWith(LEARNED));
        List<ClassifierMethod> ms = methods.stream().map(ClassifierMethod::parse).toList();
        LoupeHome home = LoupeHome.fromEnvironment(System.getenv());
        Path dataDir = data != null ? data : FashionMnist.defaultFolder();
        FashionMnist trainSplit = FashionMnist.read(dataDir, true);
        FashionMnist testSplit = FashionMnist.read(dataDir, false);
        List<EvalRun> runs;
        LearnedFeatures.Result learnedVectors = null;
        FeatureLearner learner = null;
        try (Model model = new ModelLoader(home, System::getenv).open(ModelLoader.BUILTIN, threads, ProgressListener.NONE);
             Bars bars = new Bars(spec.commandLine().getErr(), !json)) {
            Path cacheDir = cache != null ? cache : home.root().resolve("cache").resolve("eval");
            DatasetEmbedder embedder = new DatasetEmbedder(model, cacheDir, true, 32);
            Map<String, float[][]> trainVectors = new LinkedHashMap<>(embed(embedder, trainSplit, train, bars));
            Map<String, float[][]> testVectors = new LinkedHashMap<>(embed(embedder, testSplit, test, bars));
            List<FeatureExtractor> extra = List.of();
            if (learned) {
                learner = learners.apply(new FeatureLearner.Setup(model::encodeText, learnEpochs, seed, threads));
                learnedVectors = new LearnedFeatures(learner, cacheDir).vectors(trainSplit, train, testSplit, test,
                        bars);
                trainVectors.putAll(learnedVectors.train());
                testVectors.putAll(learnedVectors.test());
                extra = FusedFeatures.learnedKinds(new Space(learner.space(), learner.dimension()),
                        model.info().space(Space.VISUAL), model.info().space(Space.SEMANTIC));
                if (!json) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.printf("%nlearned features: %s%n", learnedVectors.cached() ? "read from the cache"
                            : String.format(java.util.Locale.ROOT, "trained in %.0f s", learnedVectors.trainSeconds()));
                    err.flush();
                }
            }
            FeatureExtractors known = new FeatureExtractors(model.info(), extra);
            List<FeatureExtractor> fs = features.stream().map(known::get).toList();
            ClassifyEvaluation.Data d = new ClassifyEvaluation.Data(trainVectors, Arrays.copyOf(trainSplit.labels(), train),
                    testVectors, Arrays.copyOf(testSplit.labels(), test), FashionMnist.CLASSES);
            ClassifierTrainer.Options to = ClassifierTrainer.Options.defaults().withK(k).withClusters(clusters)
                    .withSvm(c, sigma, plattFolds).withThreads(threads);
            to = new ClassifierTrainer.Options(to.k(), to.clusters(), kmeansSample, to.c(), to.sigma(),
                    to.plattFolds(), to.maxIterations(), seed, to.threads());
            PrintWriter err = spec.commandLine().getErr();
            java.util.function.Consumer<EvalRun> log = r -> {
                if (!json) {
                    err.printf("%n%s %s %s labels: %.4f (%.0f s)%n", r.features(), r.method(), r.labelsName(),
                            r.accuracy(), r.seconds());
                    err.flush();
                }
            };
            // an encoder trained on all the training labels has seen the labels a few-label run pretends to lack, so
            // the learned kinds get the full runs only
            List<FeatureExtractor> builtin = fs.stream().filter(f -> !f.name().startsWith(LEARNED)).toList();
            List<FeatureExtractor> learnedKinds = fs.stream().filter(f -> f.name().startsWith(LEARNED)).toList();
            runs = new ArrayList<>();
            if (!builtin.isEmpty()) {
                runs.addAll(new ClassifyEvaluation(new ClassifyEvaluation.Options(builtin, ms, fewLabels, svmMaxTrain,
                        threshold, threads, to)).run(d, log, bars));
            }
            if (!learnedKinds.isEmpty()) {
                runs.addAll(new ClassifyEvaluation(new ClassifyEvaluation.Options(learnedKinds, ms, List.of(),
                        svmMaxTrain, threshold, threads, to)).run(d, log, bars));
            }
        }
        String command = CommandText.reproduce(spec);
        String title = learned ? "Fashion-MNIST classification with the builtin model's and learned features"
                : "Fashion-MNIST classification with the builtin model's features";
        EvalReport.write(report, title, command, FashionMnist.CLASSES, runs, threshold);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("report", report.toAbsolutePath().toString());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EvalRun r : runs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("features", r.features());
                row.put("method", r.method());
                row.put("labelsPerClass", r.labelsPerClass());
                row.put("trainedOn", r.trainedOn());
                row.put("accuracy", r.accuracy());
                row.put("coverage", r.coverage());
                row.put("accuracyCovered", r.accuracyCovered());
                row.put("seconds", r.seconds());
                rows.add(row);
            }
            j.put("runs", rows);
            if (learnedVectors != null) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("space", learner.space());
                l.put("dimension", learner.dimension());
                l.put("fingerprint", learner.fingerprint());
                l.put("cached", learnedVectors.cached());
                l.put("trainSeconds", learnedVectors.trainSeconds());
                l.put("weights", learnedVectors.weights().toAbsolutePath().toString());
                j.put("learned", l);
            }
            Json.print(out, j);
        } else {
            out.print(EvalReport.table(runs, threshold));
            out.printf("report: %s%n", report.toAbsolutePath());
            out.flush();
        }
        return 0;
    }

    private static Map<String, float[][]> embed(DatasetEmbedder e, FashionMnist split, int n, Bars bars) {
        bars.started("Embedding " + split.split(), n);
        long[] last = {0};
        Map<String, float[][]> v = e.embed(split, n, done -> {
            bars.advanced(Math.max(0, Math.min(done, n) - last[0]));
            last[0] = Math.min(done, n);
        });
        bars.finished();
        return v;
    }
}
