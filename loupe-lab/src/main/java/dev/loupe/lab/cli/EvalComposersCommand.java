package dev.loupe.lab.cli;

import dev.loupe.core.compose.Composers;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.lab.compose.ColoredFashionSet;
import dev.loupe.lab.compose.ComposerEval;
import dev.loupe.lab.compose.ComposerTraining;
import dev.loupe.lab.duplicates.LabIndex;
import dev.loupe.learn.train.ComposeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/**
 * {@code loupe-lab eval composers}: composers trained on the builtin model's frozen index vectors of coloured
 * Fashion-MNIST (written as image files with an attribute CSV and indexed by the product), against the zero-shot
 * sum and diff; R@K over seeds into report.md and results.json.
 */
@Command(name = "composers", mixinStandardHelpOptions = true,
        description = {"Write coloured Fashion-MNIST as files with attribute descriptions, index them with the "
                + "builtin model, train composers on the index's vectors (as 'train composer' does) and compare R@K "
                + "with the zero-shot sum and diff over seeds; writes report.md and results.json into --work."})
public final class EvalComposersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: as eval classify)")
    Path data;

    @Option(names = "--items", defaultValue = "250", description = "garments of the test split; "
            + "default ${DEFAULT-VALUE}")
    int items;

    @Option(names = "--colors", defaultValue = "8", description = "colours per garment; default ${DEFAULT-VALUE}")
    int colors;

    @Option(names = "--methods", split = ",", defaultValue = "tirg,concat,film,image_only,text_only",
            description = "methods; default ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N; default ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--held-out", defaultValue = "0.2", description = "held-out fraction of garments; "
            + "default ${DEFAULT-VALUE}")
    double heldOut;

    @Mixin
    HeadOptions head;

    @Option(names = "--threads", defaultValue = "2", description = "indexing threads; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "reports/composers-fashion-color",
            description = "work and report folder; default ${DEFAULT-VALUE}")
    Path work;

    @Option(names = "--json", description = "print results.json instead of the table")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<String> ms = methods.stream().map(ComposerTraining::method).toList();
        PrintWriter err = spec.commandLine().getErr();
        FashionMnist split = FashionMnist.read(data != null ? data : FashionMnist.defaultFolder(), false, items);
        Path csv = ColoredFashionSet.write(split, items, colors, work.resolve("set"));
        err.printf(Locale.ROOT, "wrote %d images; indexing…%n", items * colors);
        err.flush();
        String load = uptime();
        List<ComposerEval.Run> runs;
        try (Loupe loupe = LabIndex.build(work.resolve("set").resolve("images"), work.resolve("index"), threads);
             TrainingBars bars = new TrainingBars(err)) {
            ComposeConfig base =
                    new ComposeConfig(Composers.TIRG, head.steps, head.batch, head.lr, 1, 1, head.hidden, 1, 1);
            runs = ComposerEval.run(loupe, csv, ms, LongStream.rangeClosed(1, seeds).boxed().toList(), heldOut, base,
                    head.lossScale(),
                    (m, s) -> bars.begin(m + " seed " + s, head.steps));
        }
        String command = CommandText.reproduce(spec);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        result.put("load", load);
        result.put("setup", setup());
        result.put("summary", ComposerEval.summary(runs));
        result.put("runs", runs);
        String table = table(ComposerEval.summary(runs), runs, command, load);
        Files.createDirectories(work);
        Files.writeString(work.resolve("report.md"), table);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("results.json")))) {
            Json.print(w, result);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
        } else {
            out.print(table);
            out.flush();
        }
        return 0;
    }

    private String setup() {
        return String.format(Locale.ROOT, "coloured Fashion-MNIST: %d test-split garments x %d colours = %d images "
                + "(256 px PNG, garment 224 px), described 'red dress 17'; indexed with the builtin model; pairs "
                + "mined from the descriptions (one colour word swapped, text = the new colour); %.0f %% of garments "
                + "held out per seed; gallery = every indexed image; %d steps, batch %d, lr %s, hidden %d, "
                + "loss scale %s "
                + "(auto: 4 / mean cosine distance of two training images)",
                items, colors, items * colors, heldOut * 100, head.steps, head.batch, head.lr, head.hidden, head.scale);
    }

    private String table(Map<String, Map<String, double[]>> summary, List<ComposerEval.Run> runs, String command,
                         String load) {
        StringBuilder b = new StringBuilder("# Composers on frozen builtin-model index vectors: coloured "
                + "Fashion-MNIST\n\n");
        b.append(setup()).append(".\n\ncommand: `").append(command).append("`  \nload before the run: `")
                .append(load).append("`\n\n");
        ComposerEval.Run first = runs.get(0);
        b.append(String.format(Locale.ROOT, "queries per seed (seed 1): %d training, %d held out%n%n", first.train(),
                first.heldOut()));
        List<String> keys = new ArrayList<>(summary.values().iterator().next().keySet());
        b.append("| method | ").append(String.join(" | ", keys)).append(" |\n|---|")
                .append("---|".repeat(keys.size())).append('\n');
        summary.forEach((m, s) -> {
            b.append("| ").append(m).append(" |");
            keys.forEach(k -> b.append(String.format(Locale.ROOT, " %.1f ± %.1f |", s.get(k)[0], s.get(k)[1])));
            b.append('\n');
        });
        b.append(String.format(Locale.ROOT, "%nmean ± standard deviation over %d seeds; R@K in %%.%n", seeds));
        return b.toString();
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run uptime: " + e.getMessage(), e);
        }
    }
}
