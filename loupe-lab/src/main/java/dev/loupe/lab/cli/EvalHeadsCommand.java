package dev.loupe.lab.cli;

import dev.loupe.core.compose.TextImageHead;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.lab.compose.ColoredFashionSet;
import dev.loupe.lab.compose.ComposerEval;
import dev.loupe.lab.compose.HeadEval;
import dev.loupe.lab.duplicates.LabIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loupe-lab eval heads}: DeViSE with held-out Fashion-MNIST classes and VSE on captions, both over the builtin
 * model's frozen index vectors, against the untrained index text space (ConSE); over seeds into report.md and
 * results.json.
 */
@Command(name = "heads", mixinStandardHelpOptions = true,
        description = {"Write coloured Fashion-MNIST as files, index them with the builtin model, train DeViSE "
                + "(held-out "
                + "classes; zero-shot hit@k among the unseen and among all ten classes) and VSE (captions 'red "
                + "dress'; text->image R@K on held-out images) heads on the index's vectors and compare them with "
                + "the untrained index space over seeds; writes report.md and results.json into --work."})
public final class EvalHeadsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: as eval classify)")
    Path data;

    @Option(names = "--items", defaultValue = "500", description = "garments of the test split; "
            + "default ${DEFAULT-VALUE}")
    int items;

    @Option(names = "--colors", defaultValue = "4", description = "colours per garment; default ${DEFAULT-VALUE}")
    int colors;

    @Option(names = "--unseen", split = ",", defaultValue = "2,5,6,9", description = "classes DeViSE never sees in "
            + "training; default ${DEFAULT-VALUE}")
    List<Integer> unseen;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N; default ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--held-out", defaultValue = "0.2", description = "VSE: held-out fraction of images; "
            + "default ${DEFAULT-VALUE}")
    double heldOut;

    @Mixin
    TextImageHeadOptions head;

    @Option(names = "--threads", defaultValue = "2", description = "indexing threads; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "reports/heads-fashion",
            description = "work and report folder; default ${DEFAULT-VALUE}")
    Path work;

    @Option(names = "--json", description = "print results.json instead of the tables")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (unseen.size() < 2 || unseen.size() > 8 || unseen.stream().distinct().count() != unseen.size()
                || unseen.stream().anyMatch(c -> c < 0 || c > 9)) {
            throw new IllegalArgumentException("--unseen needs 2 to 8 distinct class indices in 0..9, got " + unseen);
        }
        PrintWriter err = spec.commandLine().getErr();
        FashionMnist split = FashionMnist.read(data != null ? data : FashionMnist.defaultFolder(), false, items);
        Path attributes = ColoredFashionSet.write(split, items, colors, work.resolve("set"));
        Path captions = HeadEval.captions(attributes);
        err.printf(Locale.ROOT, "wrote %d images; indexing…%n", items * colors);
        err.flush();
        String load = CommandText.uptime();
        List<ComposerEval.Run> devise = new ArrayList<>();
        List<ComposerEval.Run> vse = new ArrayList<>();
        try (Loupe loupe = LabIndex.build(work.resolve("set").resolve("images"), work.resolve("index"), threads);
             TrainingBars bars = new TrainingBars(err)) {
            for (long seed = 1; seed <= seeds; seed++) {
                devise.addAll(HeadEval.devise(loupe, split, unseen, head.config(TextImageHead.DEVISE, seed),
                        bars.begin("devise seed " + seed, head.steps)));
                vse.addAll(HeadEval.vse(loupe, captions, heldOut, head.config(TextImageHead.VSE, seed),
                        bars.begin("vse seed " + seed, head.steps)));
            }
        }
        String loadAfter = CommandText.uptime();
        String command = CommandText.reproduce(spec);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        result.put("load", load);
        result.put("loadAfter", loadAfter);
        result.put("setup", setup());
        result.put("devise", ComposerEval.summary(devise));
        result.put("vse", ComposerEval.summary(vse));
        result.put("runs", List.of(devise, vse));
        StringBuilder b = new StringBuilder("# Text→image heads on frozen builtin-model index vectors: Fashion-MNIST"
                + "\n\n").append(setup()).append(".\n\ncommand: `").append(command).append("`  \nload before: `")
                .append(load).append("`  \nload after: `").append(loadAfter).append("`\n\n");
        b.append("## DeViSE, classes ").append(unseen).append(" never seen in training (")
                .append(devise.get(0).train()).append(" training images)\n\n");
        table(b, ComposerEval.summary(devise));
        b.append("\nhit@k in % over the " + devise.get(0).heldOut() + " test images: every image of the unseen "
                + "classes, and the images of a fifth of the seen classes' garments, held out from training (\"seen "
                + "(held-out garments)\"); \"among unseen\": the nearest of the unseen classes' glosses, \"among "
                + "all\": the nearest of all ten (generalized zero-shot). Label vectors: the sentence encoder's "
                + "vectors of the class glosses (loupe-learn FashionGlosses).\n\n## VSE, captions \"colour class\", "
                + "text→image R@K among the held-out images ("
                + vse.get(0).heldOut() + " images, " + vse.get(0).train() + " training pairs)\n\n");
        table(b, ComposerEval.summary(vse));
        b.append(String.format(Locale.ROOT, "%nmean ± standard deviation over %d seeds; in %%.%n", seeds));
        Json.report(work, b.toString(), result, spec.commandLine().getOut(), json);
        return 0;
    }

    private String setup() {
        return String.format(Locale.ROOT, "coloured Fashion-MNIST: %d test-split garments x %d colours = %d images "
                + "(256 px PNG, garment 224 px), indexed with the builtin model; heads read the frozen 1280-d "
                + "'visual' vectors, texts the model's 384-d text encoder; %d steps, batch %d, lr %s, VSE margin %s, "
                + "joint %d", items, colors, items * colors, head.steps, head.batch, head.lr, head.margin, head.joint);
    }

    private static void table(StringBuilder b, Map<String, Map<String, double[]>> summary) {
        List<String> keys = new ArrayList<>(summary.values().iterator().next().keySet());
        b.append("| | ").append(String.join(" | ", keys)).append(" |\n|---|").append("---|".repeat(keys.size()))
                .append('\n');
        summary.forEach((m, s) -> {
            b.append("| ").append(m).append(" |");
            keys.forEach(k -> b.append(String.format(Locale.ROOT, " %.1f ± %.1f |", s.get(k)[0], s.get(k)[1])));
            b.append('\n');
        });
    }
}
