package dev.loupe.lab.cli;

import dev.loupe.core.compose.Composers;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.experiment.Experiments;
import dev.loupe.learn.report.ExperimentResult;
import dev.loupe.learn.report.ReportWriter;
import dev.loupe.learn.train.HashedWordEmbedding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe-lab eval}: trains and evaluates methods over several seeds and writes a report folder (Markdown table,
 * PNG chart, JSON of every run). Experiments: {@code compose} (R@K of composers), {@code analogy} (sum vs diff in
 * a learned visual-semantic embedding), {@code devise} (zero-shot hit@k on held-out Fashion-MNIST classes).
 * Its subcommand {@code classify} is the classification benchmark of the builtin model's features.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Train and evaluate methods over seeds; write a Markdown + PNG report.",
        subcommands = {EvalClassifyCommand.class, EvalDuplicatesCommand.class, EvalComposersCommand.class,
                EvalHeadsCommand.class})
public final class EvalCommand implements Callable<Integer> {
    static final List<String> COMPOSE_METHODS = List.of(Composers.TIRG, Composers.CONCAT, Composers.IMAGE_ONLY,
            Composers.TEXT_ONLY, Composers.FILM, Composers.RELATION);

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions opts = new TrainingOptions();

    @Option(names = "--experiment", defaultValue = "compose",
            description = "compose, analogy or devise; default ${DEFAULT-VALUE}")
    String experiment;

    @Option(names = "--methods", split = ",", description = "compose: methods to compare; default "
            + "tirg,concat,image_only,text_only,film,relation")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "3", description = "number of seeds (1..N); default ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--report", description = "report folder; default reports/<experiment>-<dataset>")
    Path report;

    @Option(names = "--save", description = "also save every trained composer/projection file into this folder")
    Path save;

    @Option(names = "--json", description = "print the results as JSON on stdout instead of the table")
    boolean json;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1");
        }
        ExperimentResult result;
        try (TrainingBars bars = new TrainingBars(spec.commandLine().getErr())) {
            result = run(new Experiments(bars, save));
        }
        String command = CommandText.reproduce(spec);
        Path dir = report != null ? report : Path.of("reports", experiment + "-" + result.dataset());
        String md = ReportWriter.write(dir, result, command);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? ReportWriter.json(result, command) : md + "\nReport written to " + dir);
        out.flush();
        return 0;
    }

    private ExperimentResult run(Experiments ex) {
        return switch (experiment) {
            case "compose" -> ex.compose(Datasets.load(opts.dataset, opts.scale(), opts.data, opts.datasetSeed),
                    opts.compose(Composers.TIRG, 1), methods == null ? COMPOSE_METHODS : methods, seeds);
            case "analogy" -> ex.analogy(Datasets.load(opts.dataset, opts.scale(), opts.data, opts.datasetSeed),
                    opts.compose(Composers.TIRG, 1), opts.margin, seeds);
            case "devise" -> {
                Path dir = opts.fashionMnist();
                yield ex.devise(FashionMnist.read(dir, true), FashionMnist.read(dir, false), opts.devise(1),
                        HashedWordEmbedding.create(opts.textDim), seeds);
            }
            default -> throw new IllegalArgumentException("--experiment must be compose, analogy or devise, got "
                    + experiment);
        };
    }
}
