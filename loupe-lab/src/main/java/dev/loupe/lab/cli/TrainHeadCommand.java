package dev.loupe.lab.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.lab.compose.HeadTraining;
import dev.loupe.learn.train.TextImageHeadTrainer;
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
 * {@code loupe-lab train head}: trains a DeViSE or VSE text→image head on the vectors of the user's own index and
 * registers it there, so that {@code loupe search "text" --head NAME} ranks in its space.
 */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = {"Train a text->image head on your index's vectors and register it with the index as NAME.",
                "--method devise: a linear projection of the images' visual vectors onto the text space (cosine "
                        + "loss), from --folders DIR (sub-folder name = label). --method vse: an image and a text "
                        + "projection into a joint space (pairwise hinge ranking loss, in-batch negatives, both "
                        + "directions), from --captions CSV (path,caption; paths absolute or relative to the file)."})
public final class TrainHeadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IndexTrainingOptions target;

    @Option(names = "--method", required = true, description = "devise or vse")
    String method;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Examples examples;

    static final class Examples {
        @Option(names = "--folders", paramLabel = "DIR", required = true,
                description = "indexed images in sub-folders named by their label")
        Path folders;

        @Option(names = "--captions", paramLabel = "CSV", required = true, description = "CSV rows path,caption")
        Path captions;
    }

    @Option(names = "--image-space", defaultValue = "visual", description = "the index space the image side reads; "
            + "default ${DEFAULT-VALUE}")
    String imageSpace;

    @Option(names = "--held-out", defaultValue = "0.2", description = "fraction of the images held out to measure "
            + "R@K; default ${DEFAULT-VALUE}")
    double heldOut;

    @Mixin
    TextImageHeadOptions head;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the split, weights and batches; "
            + "default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
        TextImageHeadTrainer.Config config = head.config(method, seed);
        HeadTraining.Source source = examples.folders != null ? HeadTraining.Source.FOLDERS
                : HeadTraining.Source.CAPTIONS;
        Path file = examples.folders != null ? examples.folders : examples.captions;
        PrintWriter err = spec.commandLine().getErr();
        try (Loupe loupe = Loupe.open(target.session()); TrainingBars bars = new TrainingBars(err)) {
            loupe.heads().requireFree(target.name, target.force);
            HeadTraining.Report r = HeadTraining.train(loupe, new HeadTraining.Request(source, file, heldOut, config,
                    imageSpace), bars.begin(target.name + " " + method, head.steps));
            bars.close();
            Path saved = HeadTraining.register(loupe, target.name, r.file(), target.force);
            print(r, saved);
        }
        return 0;
    }

    private void print(HeadTraining.Report r, Path saved) {
        PrintWriter out = spec.commandLine().getOut();
        if (target.json) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", target.name);
            s.put("file", saved.toString());
            s.put("method", method);
            s.put("imageSpace", imageSpace);
            s.put("textSpace", r.file().metadata().space());
            s.put("model", r.file().metadata().imageEncoder());
            s.put("trainPairs", r.trainPairs());
            s.put("heldOutPairs", r.heldOutPairs());
            s.put("heldOutImages", r.heldOutImages());
            s.put("texts", r.texts());
            s.put("metrics", r.metrics());
            s.put("untrainedIndex", r.baseline());
            s.put("lossStart", r.lossStart());
            s.put("lossEnd", r.lossEnd());
            s.put("seconds", r.seconds());
            Json.print(out, s);
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d training pairs, %d held-out pairs over %d held-out images, %d "
                + "distinct texts%n%n", r.trainPairs(), r.heldOutPairs(), r.heldOutImages(), r.texts()));
        b.append("| held-out text->image | ").append(String.join(" | ", r.metrics().keySet())).append(" |\n");
        b.append("|---|").append("---|".repeat(r.metrics().size())).append('\n');
        IndexTrainingOptions.row(b, method + " head (trained)", r.metrics());
        IndexTrainingOptions.row(b, "index text space (untrained)", r.baseline());
        b.append(String.format(Locale.ROOT, "%nloss %.3f → %.3f, %.0f s%n", r.lossStart(), r.lossEnd(),
                r.seconds()));
        b.append("Registered '").append(target.name).append("' (").append(method).append(") in ").append(saved)
                .append('\n');
        b.append("Use it: loupe search --index ").append(target.index).append(" \"TEXT\" --head ")
                .append(target.name);
        out.println(b);
        out.flush();
    }
}
