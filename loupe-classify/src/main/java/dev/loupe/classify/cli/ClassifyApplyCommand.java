package dev.loupe.classify.cli;

import dev.loupe.classify.ClassifierFile;
import dev.loupe.classify.FeatureExtractors;
import dev.loupe.classify.LabelApplier;
import dev.loupe.classify.TrainedClassifier;
import dev.loupe.engine.Loupe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe classify apply}: labels every indexed image with the trained classifier. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Label every indexed image with the classifier trained by 'loupe classify train'.",
                "An image whose confidence is under the threshold gets no label (unsure). Labels then filter "
                        + "searches (--label) and show in results."})
final class ClassifyApplyCommand implements Callable<Integer> {
    @Mixin
    ClassifyOptions common;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Least confidence (0..1) for a label; below it the image is unsure (default: ${DEFAULT-VALUE}).")
    float threshold = 0.5f;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1, got " + threshold);
        }
        TrainedClassifier trained = ClassifierFile.load(ClassifierFile.in(common.indexDir()));
        LabelApplier.Report report;
        try (Loupe loupe = common.openIndex(); Bars bars = new Bars(spec.commandLine().getErr(), !common.json)) {
            report = new LabelApplier(loupe.writableIndex(), FeatureExtractors.builtin(loupe.model().info()),
                    common.threads()).apply(trained, threshold, bars);
        }
        print(spec.commandLine().getOut(), trained, report);
        return 0;
    }

    private void print(PrintWriter out, TrainedClassifier trained, LabelApplier.Report r) {
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", trained.metadata().method());
            json.put("features", trained.metadata().features());
            json.put("images", r.images());
            json.put("labelled", r.labelled());
            json.put("unsure", r.unsure());
            json.put("examples", r.examples());
            json.put("threshold", r.threshold());
            json.put("perLabel", r.perLabel());
            json.put("seconds", Math.round(r.seconds() * 100) / 100.0);
            Json.print(out, json);
            return;
        }
        out.printf("labelled %d of %d images with %s (%d examples keep their label, %d unsure under %.2f) in %.1f s%n",
                r.labelled(), r.images(), trained.metadata().method(), r.examples(), r.unsure(), r.threshold(), r.seconds());
        r.perLabel().forEach((label, n) -> out.printf("  %-24s %d%n", label, n));
        out.flush();
    }
}
