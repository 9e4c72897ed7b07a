package dev.loupe.lab.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.lab.compose.ComposerTraining;
import dev.loupe.learn.data.AttributePairs;
import dev.loupe.learn.train.ComposeConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loupe-lab train composer}: trains a composer on the vectors of the user's own index and registers it there,
 * so that {@code loupe search --composer NAME} and the page use it.
 */
@Command(name = "composer", mixinStandardHelpOptions = true,
        description = {"Train a composer (image + modification text -> target image) on your index's vectors and "
                + "register it with the index as NAME.",
                "Examples: --triplets FILE (CSV reference,text,target or JSONL), --attributes CSV (path,description: "
                        + "pairs whose descriptions differ by one word are mined), --folders DIR (sub-folder "
                        + "names are the descriptions) or --metadata (each image's XMP/IPTC description or "
                        + "keywords, as indexed). Paths are absolute or relative to the file's folder."})
public final class TrainComposerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IndexTrainingOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Examples examples;

    static final class Examples {
        @Option(names = "--triplets", paramLabel = "FILE", required = true,
                description = "CSV rows reference,text,target or JSONL {\"reference\",\"text\",\"target\"}")
        Path triplets;

        @Option(names = "--attributes", paramLabel = "CSV", required = true, description = "CSV rows path,description")
        Path attributes;

        @Option(names = "--folders", paramLabel = "DIR", required = true,
                description = "indexed images in sub-folders named by their attributes")
        Path folders;

        @Option(names = "--metadata", required = true, description = "the descriptions, titles and keywords the "
                + "index stores for its images (XMP/IPTC in the files or XMP sidecars, as 'loupe index' read them)")
        boolean metadata;
    }

    @Option(names = "--method", defaultValue = "tirg", description = "tirg, concat, film, image or text; "
            + "default ${DEFAULT-VALUE}")
    String method;


    @Option(names = "--phrase", defaultValue = "word", description = "text of a mined pair: word (\"red\") or "
            + "replace (\"replace black with red\"); default ${DEFAULT-VALUE}")
    String phrase;

    @Option(names = "--held-out", defaultValue = "0.2", description = "fraction of the examples held out to "
            + "measure R@K; default ${DEFAULT-VALUE}")
    double heldOut;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the split, weights and batches; "
            + "default ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    HeadOptions head;


    @Override
    public Integer call() {
        String m = ComposerTraining.method(method);
        AttributePairs.Phrase p = switch (phrase) {
            case "word" -> AttributePairs.Phrase.WORD;
            case "replace" -> AttributePairs.Phrase.REPLACE;
            default -> throw new IllegalArgumentException("--phrase must be word or replace, got '" + phrase + "'");
        };
        ComposeConfig config = new ComposeConfig(m, head.steps, head.batch, head.lr, 1, 1, head.hidden, 1, seed);
        ComposerTraining.Source source = examples.triplets != null ? ComposerTraining.Source.TRIPLETS
                : examples.attributes != null ? ComposerTraining.Source.ATTRIBUTES
                : examples.folders != null ? ComposerTraining.Source.FOLDERS : ComposerTraining.Source.METADATA;
        Path file = examples.triplets != null ? examples.triplets
                : examples.attributes != null ? examples.attributes
                : examples.folders != null ? examples.folders : target.index;
        PrintWriter err = spec.commandLine().getErr();
        try (Loupe loupe = Loupe.open(target.session()); TrainingBars bars = new TrainingBars(err)) {
            loupe.composers().requireFree(target.name, target.force);
            float s = head.lossScale();
            var data = ComposerTraining.examples(loupe, new ComposerTraining.Request(source, file, p, heldOut,
                    config, s));
            float start = s > 0 ? s : ComposerTraining.autoScale(data, seed);
            ComposerTraining.Report r = ComposerTraining.train(loupe, data, config, start,
                    bars.begin(target.name + " " + m, head.steps));
            bars.close();
            Path saved = ComposerTraining.register(loupe, target.name, r.file(), target.force);
            print(r, saved, m, start);
        }
        return 0;
    }

    private void print(ComposerTraining.Report r, Path saved, String m, float start) {
        PrintWriter out = spec.commandLine().getOut();
        if (target.json) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", target.name);
            s.put("file", saved.toString());
            s.put("method", m);
            s.put("space", r.file().metadata().space());
            s.put("model", r.file().metadata().imageEncoder());
            s.put("trainQueries", r.train());
            s.put("heldOutQueries", r.heldOut());
            s.put("images", r.images());
            s.put("metrics", r.metrics());
            s.put("untrainedSum", r.baseline());
            s.put("lossScale", start);
            s.put("lossStart", r.lossStart());
            s.put("lossEnd", r.lossEnd());
            s.put("seconds", r.seconds());
            Json.print(out, s);
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d training / %d held-out queries, gallery of %d indexed images%n%n",
                r.train(), r.heldOut(), r.images()));
        b.append("| held-out | ").append(String.join(" | ", r.metrics().keySet())).append(" |\n");
        b.append("|---|").append("---|".repeat(r.metrics().size())).append('\n');
        IndexTrainingOptions.row(b, m + " (trained)", r.metrics());
        IndexTrainingOptions.row(b, "untrained sum", r.baseline());
        b.append(String.format(Locale.ROOT, "%nloss %.3f → %.3f (scale from %.0f), %.0f s%n", r.lossStart(),
                r.lossEnd(), start, r.seconds()));
        b.append("Registered '").append(target.name).append("' (").append(m).append(") in ").append(saved).append('\n');
        b.append("Use it: loupe search --index ").append(target.index).append(" --image IMAGE --text TEXT --composer ")
                .append(target.name);
        out.println(b);
        out.flush();
    }
}
