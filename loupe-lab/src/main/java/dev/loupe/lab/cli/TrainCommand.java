package dev.loupe.lab.cli;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.Composers;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.train.ComposeConfig;
import dev.loupe.learn.train.ComposeTrainer;
import dev.loupe.learn.train.DeviseTrainer;
import dev.loupe.learn.train.HashedWordEmbedding;
import dev.loupe.learn.train.LossCurve;
import dev.loupe.learn.train.Torch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe-lab train}: trains one composer (or, with {@code --method projection}, a DeViSE projection on
 * Fashion-MNIST), evaluates it and saves it as one composer file with its metrics.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one composer or DeViSE projection on a lab dataset and save it as a composer file; "
                + "'train composer' trains one on your own index.",
        subcommands = {TrainComposerCommand.class, TrainHeadCommand.class})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions opts = new TrainingOptions();

    @Option(names = "--method", defaultValue = "tirg", description = "tirg, concat, image_only, text_only, film, "
            + "relation, or projection (DeViSE); default ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--seed", defaultValue = "1", description = "training seed; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = {"-o", "--out"}, description = "composer file to write (required)")
    Path out;

    @Option(names = "--json", description = "print the summary as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        if (out == null) {
            throw new IllegalArgumentException("Missing required option '--out=<out>' (the composer file to write); "
                    + "to train on your own index use 'loupe-lab train composer'");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        ComposerFile file;
        LossCurve curve;
        double seconds;
        Map<String, Double> metrics;
        try (NDManager m = Torch.newManager(seed); TrainingBars bars = new TrainingBars(spec.commandLine().getErr())) {
            if (method.equals(Composers.PROJECTION)) {
                Path dir = opts.fashionMnist();
                var c = opts.devise(seed);
                DeviseTrainer.Result r = DeviseTrainer.train(m, FashionMnist.read(dir, true),
                        FashionMnist.read(dir, false), c, HashedWordEmbedding.create(opts.textDim),
                        bars.begin("devise", c.classifierSteps() + c.projectionSteps()));
                file = r.projection();
                curve = r.projectionLosses();
                seconds = r.seconds();
                metrics = r.metrics();
            } else {
                ComposeData data = Datasets.load(opts.dataset, opts.scale(), opts.data, opts.datasetSeed);
                ComposeConfig c = opts.compose(method, seed);
                ComposeTrainer.Result r = ComposeTrainer.train(m, data, c, bars.begin(data.name() + " " + method,
                        c.steps()));
                file = r.model().toFile(data.name(), r.metrics());
                curve = r.losses();
                seconds = r.seconds();
                metrics = r.metrics();
            }
        }
        file.save(out);
        summary.put("file", out.toString());
        summary.put("method", file.metadata().method());
        summary.put("dataset", file.metadata().dataset());
        summary.put("space", file.metadata().space());
        summary.put("dims", Map.of("image", file.metadata().imageDim(), "text", file.metadata().textDim(),
                "output", file.metadata().outputDim()));
        summary.put("metrics", metrics);
        summary.put("lossStart", curve.head(0.1));
        summary.put("lossEnd", curve.tail(0.1));
        summary.put("seconds", seconds);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Json.print(stdout, summary);
        } else {
            StringBuilder b = new StringBuilder();
            b.append("| ").append(String.join(" | ", metrics.keySet())).append(" | loss first→last 10% | time |\n");
            b.append("|").append("---|".repeat(metrics.size() + 2)).append('\n');
            b.append("|");
            metrics.values().forEach(v -> b.append(String.format(Locale.ROOT, " %.1f |", v)));
            b.append(String.format(Locale.ROOT, " %.3f → %.3f | %.0f s |%n", curve.head(0.1), curve.tail(0.1),
                    seconds));
            b.append("Saved ").append(file.metadata().method()).append(" (").append(file.metadata().dataset())
                    .append(", space ").append(file.metadata().space()).append(") to ").append(out);
            stdout.println(b);
            stdout.flush();
        }
        return 0;
    }
}
