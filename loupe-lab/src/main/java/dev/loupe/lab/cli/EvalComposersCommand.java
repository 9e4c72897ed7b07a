package dev.loupe.lab.cli;

import dev.loupe.core.compose.Composers;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.lab.compose.ComposerEval;
import dev.loupe.lab.compose.ComposerSet;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/**
 * {@code loupe-lab eval composers}: composers trained on the builtin model's frozen index vectors of a set written
 * as image files (coloured Fashion-MNIST, CSS-like scene edits, or a Fashion200k-style split of garments and the
 * shared photos) and indexed by the product, against the zero-shot sum and diff; R@K over seeds into report.md and
 * results.json.
 */
@Command(name = "composers", mixinStandardHelpOptions = true,
        description = {"Write a set as image files (--set fashion-color, css-like or fashion200k-style), index them "
                + "with the builtin model, train composers on the index's vectors (as 'train composer' does) and "
                + "compare R@K with the zero-shot sum and diff over seeds; writes report.md and results.json into "
                + "--work."})
public final class EvalComposersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--set", defaultValue = "fashion-color", description = "fashion-color, css-like or "
            + "fashion200k-style; default ${DEFAULT-VALUE}")
    String set;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: as eval classify)")
    Path data;

    @Option(names = "--items", defaultValue = "250", description = "garments of the test split; "
            + "default ${DEFAULT-VALUE}")
    int items;

    @Option(names = "--colors", defaultValue = "8", description = "colours per garment; default ${DEFAULT-VALUE}")
    int colors;

    @Option(names = "--photos", paramLabel = "DIR", description = "fashion200k-style: photos with captions.tsv "
            + "(default: the shared photos)")
    Path photos;

    @Option(names = "--scenes", defaultValue = "250", description = "css-like: reference scenes; "
            + "default ${DEFAULT-VALUE}")
    int scenes;

    @Option(names = "--edits", defaultValue = "3", description = "css-like: edits per scene; "
            + "default ${DEFAULT-VALUE}")
    int edits;

    @Option(names = "--size", defaultValue = "224", description = "css-like: rendered size in pixels; "
            + "default ${DEFAULT-VALUE}")
    int size;

    @Option(names = "--methods", split = ",", defaultValue = "tirg,concat,film,image_only,text_only",
            description = "methods; default ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N; default ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--held-out", defaultValue = "0.2", description = "held-out fraction of garments, description "
            + "groups or reference scenes; "
            + "default ${DEFAULT-VALUE}")
    double heldOut;

    @Mixin
    HeadOptions head;

    @Option(names = "--threads", defaultValue = "2", description = "indexing threads; default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--work", paramLabel = "DIR", description = "work and report folder; default "
            + "reports/composers-SET")
    Path work;

    @Option(names = "--json", description = "print results.json instead of the table")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<String> ms = methods.stream().map(ComposerTraining::method).toList();
        PrintWriter err = spec.commandLine().getErr();
        if (work == null) {
            work = Path.of("reports", "composers-" + set);
        }
        String load = uptime();
        ComposerSet written = set();
        err.printf(Locale.ROOT, "wrote the %s set into %s; indexing…%n", written.name(), written.images());
        err.flush();
        List<ComposerEval.Run> runs;
        try (Loupe loupe = LabIndex.build(written.images(), work.resolve("index"), threads);
             TrainingBars bars = new TrainingBars(err)) {
            ComposeConfig base =
                    new ComposeConfig(Composers.TIRG, head.steps, head.batch, head.lr, 1, 1, head.hidden, 1, 1);
            runs = ComposerEval.run(loupe, written, ms, LongStream.rangeClosed(1, seeds).boxed().toList(), base,
                    head.lossScale(),
                    (m, s) -> bars.begin(m + " seed " + s, head.steps));
        }
        String command = CommandText.reproduce(spec);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        result.put("load", load);
        result.put("set", written.name());
        result.put("setup", setup(written));
        result.put("summary", ComposerEval.summary(runs));
        result.put("runs", runs);
        String table = table(written, ComposerEval.summary(runs), runs, command, load);
        Json.report(work, table, result, spec.commandLine().getOut(), json);
        return 0;
    }

    private ComposerSet set() {
        Path dir = work.resolve("set");
        return switch (set) {
            case "fashion-color" -> ComposerSet.fashionColor(fashion(), items, colors, heldOut, dir);
            case "fashion200k-style" -> ComposerSet.fashion200kStyle(fashion(), items, colors,
                    photos != null ? photos : FashionMnist.defaultFolder().getParent().getParent().resolve("photos"),
                    heldOut, dir);
            case "css-like" -> ComposerSet.cssLike(scenes, edits, size, heldOut, dir);
            default -> throw new IllegalArgumentException("--set must be one of " + ComposerSet.NAMES + "; got '"
                    + set + "'");
        };
    }

    private FashionMnist fashion() {
        return FashionMnist.read(data != null ? data : FashionMnist.defaultFolder(), false, items);
    }

    private String setup(ComposerSet s) {
        return String.format(Locale.ROOT, "%s; indexed with the builtin model; gallery = every indexed image; "
                + "%d steps, batch %d, lr %s, hidden %d, loss scale %s "
                + "(auto: 4 / mean cosine distance of two training images)",
                s.setup(), head.steps, head.batch, head.lr, head.hidden, head.scale);
    }

    private String table(ComposerSet set, Map<String, Map<String, double[]>> summary, List<ComposerEval.Run> runs,
                         String command, String load) {
        StringBuilder b = new StringBuilder("# Composers on frozen builtin-model index vectors: " + set.name()
                + "\n\n");
        b.append(setup(set)).append(".\n\ncommand: `").append(command).append("`  \nload before the run: `")
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
