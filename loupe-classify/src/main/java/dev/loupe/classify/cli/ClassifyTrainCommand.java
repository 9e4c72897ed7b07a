package dev.loupe.classify.cli;

import dev.loupe.classify.ClassifierFile;
import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.ClassifierTraining;
import dev.loupe.classify.FeatureExtractors;
import dev.loupe.classify.LabelledFolders;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.OptionRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe classify train}: trains a classifier from labelled folders and saves it beside the index. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Learn labels from a folder of labelled examples: one sub-folder per label, images inside.",
                "Saves the classifier to DIR/" + ClassifierFile.NAME + "; examples not yet indexed are added to the index."})
final class ClassifyTrainCommand implements Callable<Integer> {
    @Mixin
    ClassifyOptions common;

    @Option(names = "--labels", required = true, paramLabel = "FOLDER",
            description = "Folder with one sub-folder per label (its name is the label).")
    Path labels;

    @Option(names = "--features", paramLabel = "KIND", description = "visual, semantic or concat (default: ${DEFAULT-VALUE}).")
    String features = "concat";

    @Option(names = "--method", paramLabel = "M", description = "knn, kmeans, svm-linear or svm-rbf (default: ${DEFAULT-VALUE}).")
    String method = "knn";

    @Option(names = "-k", paramLabel = "N", description = "kNN: neighbours that vote (default: ${DEFAULT-VALUE}).")
    int k = ClassifierTrainer.Options.defaults().k();

    @Option(names = "--clusters", paramLabel = "N", description = "k-means: clusters (default: ten per label).")
    int clusters;

    @Option(names = "--svm-c", paramLabel = "C", description = "SVM: soft-margin penalty (default: ${DEFAULT-VALUE}).")
    double c = ClassifierTrainer.Options.defaults().c();

    @Option(names = "--svm-sigma", paramLabel = "S", description = "RBF SVM: kernel width (default: the median distance between examples).")
    double sigma;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionRanges.between("-k", k, 1, 1000);
        OptionRanges.between("--clusters", clusters, 0, 100_000);
        OptionRanges.between("--svm-c", c, 1e-6, 1e6);
        OptionRanges.between("--svm-sigma", sigma, 0, 1e6);
        ClassifierMethod m = ClassifierMethod.parse(method);
        LabelledFolders folders = LabelledFolders.read(labels);
        ClassifierTrainer.Options options = ClassifierTrainer.Options.defaults().withK(k).withClusters(clusters)
                .withSvm(c, sigma, ClassifierTrainer.Options.defaults().plattFolds()).withThreads(common.threads());
        ClassifierTraining.Report report;
        try (Loupe loupe = common.openIndex(); Bars bars = new Bars(spec.commandLine().getErr(), !common.json)) {
            var extractor = FeatureExtractors.builtin(loupe.model().info()).get(features);
            report = new ClassifierTraining(loupe.model(), loupe.writableIndex(), loupe.decoder(), new ClassifierTrainer(options))
                    .train(folders, extractor, m, ClassifierFile.in(common.indexDir()), bars);
        }
        print(spec.commandLine().getOut(), report);
        return 0;
    }

    private void print(PrintWriter out, ClassifierTraining.Report r) {
        var meta = r.classifier().metadata();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("classifier", r.file().toString());
            json.put("method", meta.method());
            json.put("features", meta.features());
            json.put("examplesPerLabel", meta.examplesPerLabel());
            json.put("parameters", meta.parameters());
            json.put("fromIndex", r.fromIndex());
            json.put("addedToIndex", r.addedToIndex());
            json.put("skipped", r.skipped().stream().map(s -> Map.of("path", s.file().toString(), "reason", s.reason())).toList());
            json.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            Json.print(out, json);
            return;
        }
        out.printf("trained %s on %s features: %d labels, %d examples (%d from the index, %d added to it) in %.1f s%n",
                meta.method(), meta.features(), meta.labels().size(), r.fromIndex() + r.addedToIndex(), r.fromIndex(),
                r.addedToIndex(), r.seconds());
        meta.examplesPerLabel().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  %-24s %d%n", e.getKey(), e.getValue()));
        for (var s : r.skipped()) {
            out.printf("  skipped %s: %s%n", s.file(), s.reason());
        }
        out.printf("saved %s; label the index with: loupe classify apply --index %s%n", r.file(), common.indexDir());
        out.flush();
    }
}
