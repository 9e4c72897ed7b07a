package dev.loupe.learn.cli;

import dev.loupe.core.compose.Composers;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.FashionMnist;
import dev.loupe.learn.experiment.Datasets;
import dev.loupe.learn.experiment.Experiments;
import dev.loupe.learn.report.ExperimentResult;
import dev.loupe.learn.report.ReportWriter;
import dev.loupe.learn.train.HashedWordEmbedding;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loupe eval}: trains and evaluates methods over several seeds and writes a report folder (Markdown table,
 * PNG chart, JSON of every run). Experiments: {@code compose} (R@K of composers), {@code analogy} (sum vs diff in
 * a learned visual-semantic embedding), {@code devise} (zero-shot hit@k on held-out Fashion-MNIST classes).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Train and evaluate methods over seeds; write a Markdown + PNG report.")
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
        Bars bars = new Bars();
        Experiments ex = new Experiments(bars, save);
        ExperimentResult result;
        switch (experiment) {
            case "compose" -> {
                ComposeData data = Datasets.load(opts.dataset, opts.scale(), opts.data, opts.datasetSeed);
                result = ex.compose(data, opts.compose(Composers.TIRG, 1), methods == null ? COMPOSE_METHODS : methods,
                        seeds);
            }
            case "analogy" -> {
                ComposeData data = Datasets.load(opts.dataset, opts.scale(), opts.data, opts.datasetSeed);
                result = ex.analogy(data, opts.compose(Composers.TIRG, 1), opts.margin, seeds);
            }
            case "devise" -> {
                Path dir = opts.fashionMnist();
                result = ex.devise(FashionMnist.load(dir, true), FashionMnist.load(dir, false), opts.devise(1),
                        HashedWordEmbedding.create(opts.textDim), seeds);
            }
            default -> throw new IllegalArgumentException("--experiment must be compose, analogy or devise, got "
                    + experiment);
        }
        bars.closeBar();
        String command = Cli.command("eval", spec.commandLine().getParseResult().originalArgs());
        Path dir = report != null ? report : Path.of("reports", experiment + "-" + result.dataset());
        String md = ReportWriter.write(dir, result, command);
        System.out.println(json ? ReportWriter.json(result, command) : md + "\nReport written to " + dir);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new EvalCommand(), args));
    }
}
